/**
 * The editor's model, without any UI: a draft spec (possibly invalid, as the user typed it) plus
 * the links drawn between stage nodes. Links follow the stage order data → … → backtest; any other
 * link is refused, and a missing one is a problem like any schema problem.
 */
import { parsePipelineSpec, STAGES, type SpecProblem, type Stage } from '../../../../shared/pipeline/spec';
import { kindDefaults, stageDefault, textFromValue, type StageForm } from '../../../../shared/pipeline/schema-fields';

export type Draft = Record<string, unknown>;

export interface EditorState {
  spec: Draft;
  /** Drawn links as `source>target` stage pairs. */
  links: string[];
}

export const STAGE_LABELS: Record<Stage, string> = {
  data: 'Data',
  features: 'Features',
  predictor: 'Predictor',
  risk: 'Risk model',
  optimiser: 'Optimiser',
  training: 'Training',
  backtest: 'Backtest',
};

export function isStage(value: unknown): value is Stage {
  return typeof value === 'string' && (STAGES as readonly string[]).includes(value);
}

export function linkId(source: Stage, target: Stage): string {
  return `${source}>${target}`;
}

/** Every stage linked to the next one: how a spec read from JSON is drawn. */
export function fullChain(): string[] {
  return STAGES.slice(1).map((target, i) => linkId(STAGES[i], target));
}

/** Why a link from `source` to `target` cannot be drawn, or null when it can. */
export function connectionRefusal(source: string, target: string, links: readonly string[]): string | null {
  if (!isStage(source) || !isStage(target)) return 'only stage nodes can be linked';
  const from = STAGES.indexOf(source);
  const to = STAGES.indexOf(target);
  if (to !== from + 1) return `${STAGE_LABELS[source]} can only feed ${from + 1 < STAGES.length ? STAGE_LABELS[STAGES[from + 1]] : 'nothing'}`;
  if (links.includes(linkId(source, target))) return `${STAGE_LABELS[source]} already feeds ${STAGE_LABELS[target]}`;
  return null;
}

/** One problem per missing link, on the stage that lacks its input. */
export function missingLinks(links: readonly string[]): SpecProblem[] {
  return STAGES.slice(1)
    .filter((target, i) => !links.includes(linkId(STAGES[i], target)))
    .map((target) => {
      const source = STAGES[STAGES.indexOf(target) - 1];
      return { path: [target], message: `not connected: link ${STAGE_LABELS[source]} → ${STAGE_LABELS[target]}` };
    });
}

/** Schema and connection problems of the draft, then missing links. */
export function draftProblems(state: EditorState): SpecProblem[] {
  const parsed = parsePipelineSpec(state.spec);
  return [...(parsed.ok ? [] : parsed.problems), ...missingLinks(state.links)];
}

export interface PlacedProblem {
  /** A stage, or 'pipeline' for the spec's own fields (name, seed, …). */
  node: Stage | 'pipeline';
  /** The field inside the node, or '' for the node as a whole. */
  field: string;
  message: string;
}

/** Where each problem belongs: `['risk','halfLife']` → node risk, field halfLife; `['name']` → pipeline, name. */
export function placeProblems(problems: readonly SpecProblem[]): PlacedProblem[] {
  return problems.map(({ path, message }) => {
    const [head, field] = path;
    if (isStage(head)) return { node: head, field: typeof field === 'string' ? field : '', message };
    return { node: 'pipeline', field: typeof head === 'string' ? head : '', message };
  });
}

/** The node value of a stage in the draft (an empty object when missing). */
export function stageValue(spec: Draft, stage: Stage): Record<string, unknown> {
  const value = spec[stage];
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** A copy of the draft with every stage it leaves out written as the schema's default, so each node shows what will run. */
export function withStageDefaults(spec: Draft): Draft {
  const next = { ...spec };
  for (const stage of STAGES) {
    const fallback = stageDefault(stage);
    if (next[stage] === undefined && fallback !== undefined) next[stage] = fallback;
  }
  return next;
}

/** A copy of the draft with one field set; `undefined` removes it (so its default applies). */
export function withField(spec: Draft, stage: Stage | 'pipeline', key: string, value: unknown): Draft {
  if (stage === 'pipeline') {
    const next = { ...spec };
    if (value === undefined) delete next[key];
    else next[key] = value;
    return next;
  }
  const node = { ...stageValue(spec, stage) };
  if (value === undefined) delete node[key];
  else node[key] = value;
  return { ...spec, [stage]: node };
}

/** A copy of the draft with a stage switched to another kind, starting from that kind's defaults. */
export function withKind(spec: Draft, form: StageForm, kind: string): Draft {
  return { ...spec, [form.stage]: kindDefaults(form, kind) };
}

/** A short line for the node card: the kind's first few set parameters. */
export function stageSummary(spec: Draft, form: StageForm): string {
  const value = stageValue(spec, form.stage);
  const kind = form.discriminator ? String(value[form.discriminator] ?? '') : null;
  const fields = (form.kinds.find((k) => k.kind === kind) ?? form.kinds[0]).fields;
  return fields
    .filter((field) => value[field.key] !== undefined)
    .slice(0, 3)
    .map((field) => `${field.key} ${textFromValue(field, value[field.key])}`)
    .join(' · ');
}

/** The neighbouring stage for arrow-key navigation, or null at either end. */
export function neighbour(stage: Stage, step: -1 | 1): Stage | null {
  return STAGES[STAGES.indexOf(stage) + step] ?? null;
}

/** Spec for export or run: the draft's JSON with node positions and links left out (they are not part of a spec). */
export function exportJson(spec: Draft): string {
  return `${JSON.stringify(spec, null, 2)}\n`;
}

/** Reads an imported file: JSON object or a clear error. */
export function importJson(text: string): Draft {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`not JSON: ${(error as Error).message}`, { cause: error });
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('a pipeline spec is a JSON object');
  return value as Draft;
}
