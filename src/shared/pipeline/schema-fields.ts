/**
 * Form descriptors generated from the pipeline's zod schemas: per stage, the node kinds (from the
 * discriminator's literals) and per kind its fields (from the object's shape), with bounds, options
 * and defaults. The editor draws its parameter panels from these, so a node kind added to `nodes.ts`
 * appears in the editor without any editor change.
 */
import { BacktestNodeSchema, DataNodeSchema, FeaturesNodeSchema, OptimiserNodeSchema, PredictorNodeSchema, RiskNodeSchema, TrainingNodeSchema } from './nodes';
import { PipelineSpecSchema, STAGES, type Stage } from './spec';

export type FieldType = 'number' | 'integer' | 'boolean' | 'enum' | 'string' | 'enum-list' | 'string-list' | 'number-list' | 'integer-list' | 'json';

export interface FieldDescriptor {
  key: string;
  type: FieldType;
  /** The field may be left out (no default either). */
  optional: boolean;
  /** The schema's default, when it has one. */
  default?: unknown;
  /** Bounds of a number, or of each element of a number list. */
  min?: number;
  max?: number;
  minInclusive?: boolean;
  maxInclusive?: boolean;
  /** Choices of an enum or of each element of an enum list. */
  options?: string[];
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  /** Regular expression a string must match. */
  pattern?: string;
  description?: string;
}

export interface KindForm {
  /** The discriminator's value, or null for a stage that is a single object (backtest). */
  kind: string | null;
  fields: FieldDescriptor[];
}

export interface StageForm {
  stage: Stage;
  /** Name of the discriminating key (`kind`), or null for a single-object stage. */
  discriminator: string | null;
  kinds: KindForm[];
}

/** The slice of zod's internal definition we read; zod 4 keeps it on `schema._zod.def`. */
interface Def {
  type: string;
  shape?: Record<string, Schema>;
  options?: Schema[];
  discriminator?: string;
  innerType?: Schema;
  defaultValue?: unknown;
  element?: Schema;
  entries?: Record<string, string | number>;
  values?: unknown[];
  checks?: { _zod: { def: CheckDef } }[];
  format?: string;
  in?: Schema;
}
interface CheckDef {
  check: string;
  value?: number;
  inclusive?: boolean;
  minimum?: number;
  maximum?: number;
  format?: string;
  pattern?: RegExp;
}
interface Schema {
  _zod: { def: Def };
  description?: string;
}

export const STAGE_SCHEMAS: Record<Stage, unknown> = {
  data: DataNodeSchema,
  features: FeaturesNodeSchema,
  predictor: PredictorNodeSchema,
  risk: RiskNodeSchema,
  optimiser: OptimiserNodeSchema,
  training: TrainingNodeSchema,
  backtest: BacktestNodeSchema,
};

function def(schema: unknown): Def {
  return (schema as Schema)._zod.def;
}

function checks(schema: Schema): CheckDef[] {
  return (schema._zod.def.checks ?? []).map((check) => check._zod.def);
}

interface Scalar {
  type: 'number' | 'integer' | 'boolean' | 'enum' | 'string' | 'json';
  bounds: Partial<FieldDescriptor>;
}

function numberBounds(schema: Schema): Scalar {
  const bounds: Partial<FieldDescriptor> = {};
  let integer = schema._zod.def.format !== undefined && /int/.test(schema._zod.def.format);
  for (const check of checks(schema)) {
    if (check.check === 'greater_than' && check.value !== undefined) Object.assign(bounds, { min: check.value, minInclusive: Boolean(check.inclusive) });
    if (check.check === 'less_than' && check.value !== undefined) Object.assign(bounds, { max: check.value, maxInclusive: Boolean(check.inclusive) });
    if (check.check === 'number_format' && check.format !== undefined && /int/.test(check.format)) integer = true;
  }
  return { type: integer ? 'integer' : 'number', bounds };
}

function scalar(schema: Schema): Scalar {
  const d = schema._zod.def;
  if (d.type === 'number' || d.type === 'int') return numberBounds(schema);
  if (d.type === 'boolean') return { type: 'boolean', bounds: {} };
  if (d.type === 'enum') return { type: 'enum', bounds: { options: Object.values(d.entries ?? {}).map(String) } };
  if (d.type === 'literal') return { type: 'enum', bounds: { options: (d.values ?? []).map(String) } };
  if (d.type === 'string') {
    const bounds: Partial<FieldDescriptor> = {};
    for (const check of checks(schema)) {
      if (check.check === 'min_length') bounds.minLength = check.minimum;
      if (check.check === 'max_length') bounds.maxLength = check.maximum;
      if (check.check === 'string_format' && check.pattern) bounds.pattern = check.pattern.source;
    }
    return { type: 'string', bounds };
  }
  return { type: 'json', bounds: {} };
}

/** One field of an object shape: unwraps optional/default, then reads a scalar or a list of scalars. */
export function describeField(key: string, schema: unknown): FieldDescriptor {
  let current = schema as Schema;
  let optional = false;
  let fallback: { value: unknown } | undefined;
  const description = current.description;
  for (;;) {
    const d = current._zod.def;
    if (d.type === 'optional' && d.innerType) {
      optional = true;
      current = d.innerType;
    } else if (d.type === 'default' && d.innerType) {
      fallback = { value: structuredClone(d.defaultValue) };
      current = d.innerType;
    } else if (d.type === 'pipe' && d.in) {
      current = d.in;
    } else break;
  }
  const base: FieldDescriptor = { key, type: 'json', optional: optional && !fallback, ...(fallback ? { default: fallback.value } : {}), ...(description ? { description } : {}) };
  const d = current._zod.def;
  if (d.type === 'array' && d.element) {
    const element = scalar(d.element);
    const listType = ({ number: 'number-list', integer: 'integer-list', enum: 'enum-list', string: 'string-list' } as const)[element.type as 'number'];
    if (!listType) return base;
    const items: Partial<FieldDescriptor> = {};
    for (const check of checks(current)) {
      if (check.check === 'min_length') items.minItems = check.minimum;
      if (check.check === 'max_length') items.maxItems = check.maximum;
    }
    return { ...base, type: listType, ...element.bounds, ...items };
  }
  const found = scalar(current);
  return { ...base, type: found.type, ...found.bounds };
}

/** Every field of an object schema except `skip` (the discriminator). */
export function describeObject(schema: unknown, skip: readonly string[] = []): FieldDescriptor[] {
  const shape = def(schema).shape ?? {};
  return Object.entries(shape)
    .filter(([key]) => !skip.includes(key))
    .map(([key, field]) => describeField(key, field));
}

/** A stage's kinds and fields, from its discriminated union (or single object). */
export function describeStage(stage: Stage, schema: unknown = STAGE_SCHEMAS[stage]): StageForm {
  const d = def(schema);
  if (d.type === 'union' && d.discriminator && d.options) {
    const discriminator = d.discriminator;
    return {
      stage,
      discriminator,
      kinds: d.options.map((option) => {
        const literal = def(option).shape?.[discriminator];
        const kind = literal ? String(def(literal).values?.[0]) : '';
        return { kind, fields: describeObject(option, [discriminator]) };
      }),
    };
  }
  return { stage, discriminator: null, kinds: [{ kind: null, fields: describeObject(schema) }] };
}

/** All seven stages' forms, in pipeline order. */
export function pipelineForms(): StageForm[] {
  return STAGES.map((stage) => describeStage(stage));
}

/** The spec's own fields that are not stages (name, description, seed). */
export function specFields(): FieldDescriptor[] {
  return describeObject(PipelineSpecSchema, [...STAGES, 'version']);
}

/** The node a spec gets for a stage it leaves out (the spec schema's default), or undefined when the stage is required. */
export function stageDefault(stage: Stage): Record<string, unknown> | undefined {
  const field = describeObject(PipelineSpecSchema).find((f) => f.key === stage);
  return field?.default as Record<string, unknown> | undefined;
}

/** A new node of this kind: its discriminator and every field that has a default. */
export function kindDefaults(form: StageForm, kind: string | null): Record<string, unknown> {
  const chosen = form.kinds.find((k) => k.kind === kind) ?? form.kinds[0];
  const value: Record<string, unknown> = form.discriminator ? { [form.discriminator]: chosen.kind } : {};
  for (const field of chosen.fields) if (field.default !== undefined) value[field.key] = structuredClone(field.default);
  return value;
}

/** "learningRate" → "Learning rate", "costBps" → "Cost bps". */
export function fieldLabel(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * A field's value from what the user typed. Empty text leaves the field out (its default applies);
 * text that is not a number stays text so the schema reports it in place instead of it being lost.
 */
export function valueFromText(field: FieldDescriptor, text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const number = (part: string): number | string => (part !== '' && Number.isFinite(Number(part)) ? Number(part) : part);
  switch (field.type) {
    case 'number':
    case 'integer':
      return number(trimmed);
    case 'number-list':
    case 'integer-list':
      return trimmed.split(',').map((part) => number(part.trim()));
    case 'string-list':
      return trimmed
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part !== '');
    case 'json':
      try {
        return JSON.parse(trimmed) as unknown;
      } catch {
        return trimmed;
      }
    default:
      return trimmed;
  }
}

/** The text a field shows for a value (inverse of `valueFromText`). */
export function textFromValue(field: FieldDescriptor, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value) && field.type !== 'json') return value.join(', ');
  if (field.type === 'json') return JSON.stringify(value);
  return String(value);
}

/** "1 to 1024", "> 0", "0 to 1": the bounds as a hint next to a number field. */
export function boundsHint(field: FieldDescriptor): string {
  const low = field.min === undefined ? '' : `${field.minInclusive === false ? '>' : '≥'} ${field.min}`;
  const high = field.max === undefined ? '' : `${field.maxInclusive === false ? '<' : '≤'} ${field.max}`;
  return [low, high].filter(Boolean).join(', ');
}
