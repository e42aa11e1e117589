/**
 * `explain` and `attribute` jobs: replay each stored run to the anchor (frozen-pipeline.ts), then
 * sample the counterfactual macro distribution or compute attributions. The service checked the
 * request and loaded the runs' specs and panels.
 */
import type { Panel } from '../../../shared/domain/panel';
import type { PipelineSpec } from '../../../shared/pipeline/spec';
import type { AttributionResult, ExplanationResult, ParsedAttributeRequest, ParsedExplainRequest } from '../../../shared/domain/explain';
import { attributePipeline } from '../../engine/explain/attribute-pipeline';
import { explainPipeline } from '../../engine/explain/explain-pipeline';
import { freezePipeline, type FrozenPipeline } from '../../engine/explain/frozen-pipeline';
import { pipelineMap } from '../../engine/explain/pipeline-probe';
import { createRandom } from '../../engine/data/random';
import type { JobContext } from '../protocol';

/** A stored run as a job input. */
export interface ExplainJobRun {
  id: string;
  name: string;
  spec: PipelineSpec;
  primary?: Panel;
  macro?: Panel;
}

/** Monthly NFCI levels (monthly means of the weekly index), months ascending. */
export interface NfciSeries {
  months: string[];
  values: number[];
}

function freezeAll(runs: ExplainJobRun[], anchor: string, context: JobContext, share: number): FrozenPipeline[] {
  return runs.map((run, index) =>
    freezePipeline(run.spec, { ...(run.primary ? { primary: run.primary } : {}), ...(run.macro ? { macro: run.macro } : {}) }, anchor, (fraction, stage) =>
      context.progress(share * ((index + fraction) / runs.length), `replaying ${run.name} to ${anchor}: ${stage}`),
    ),
  );
}

function describeRun(run: ExplainJobRun, frozen: FrozenPipeline) {
  return { id: run.id, name: run.name, training: run.spec.training.kind, fitMonth: frozen.fitMonth || null, assets: frozen.n };
}

export function explainJob(raw: unknown, context: JobContext): Omit<ExplanationResult, 'nfciSource'> {
  const { request, runs, nfci } = raw as { request: ParsedExplainRequest; runs: ExplainJobRun[]; nfci: NfciSeries | null };
  const frozen = freezeAll(runs, request.anchor, context, 0.3);
  const maps = frozen.map(pipelineMap);
  const explanation = explainPipeline(maps, {
    question: request.question,
    direction: request.direction,
    ...(request.benchmark !== undefined ? { benchmark: request.benchmark } : {}),
    ...(request.custom ? { custom: request.custom } : {}),
    tau: request.tau,
    chains: request.chains,
    steps: request.steps,
    seed: request.seed,
    nfci,
    onProgress: (fraction, stage) => context.progress(0.3 + 0.7 * fraction, stage),
  });
  return { request, runs: runs.map((run, i) => describeRun(run, frozen[i])), ...explanation };
}

export function attributeJob(raw: unknown, context: JobContext): AttributionResult {
  const started = performance.now();
  const { request, runs } = raw as { request: ParsedAttributeRequest & { anchor: string }; runs: ExplainJobRun[] };
  const frozen = freezeAll(runs, request.anchor, context, 0.4);
  const results = frozen.map((item, index) => {
    const months = item.historyMonths.slice(0, -1);
    const random = createRandom(request.seed);
    const background = request.method === 'shap' ? Array.from({ length: Math.min(request.background, months.length) }, () => months[Math.floor(random.uniform() * months.length)]) : [];
    return attributePipeline(pipelineMap(item), describeRun(runs[index], item), {
      method: request.method,
      backgroundMonths: background,
      onProgress: (fraction, stage) => context.progress(0.4 + 0.6 * ((index + fraction) / frozen.length), stage),
    });
  });
  const first = frozen[0];
  const groups = [...first.characteristicNames.map((name) => ({ name, kind: 'characteristic' as const })), ...first.macroNames.map((name) => ({ name, kind: 'macro' as const }))];
  return { request, anchor: request.anchor, method: request.method, groups, runs: results, elapsedMs: performance.now() - started };
}
