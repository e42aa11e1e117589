import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { boundsHint, describeField, describeStage, fieldLabel, kindDefaults, pipelineForms, specFields, textFromValue, valueFromText } from '../../../src/shared/pipeline/schema-fields';
import { parsePipelineSpec, STAGES } from '../../../src/shared/pipeline/spec';

const field = (stage: string, kind: string | null, key: string) => {
  const form = pipelineForms().find((f) => f.stage === stage);
  const found = form?.kinds.find((k) => k.kind === kind)?.fields.find((f) => f.key === key);
  if (!found) throw new Error(`no field ${stage}.${kind}.${key}`);
  return found;
};

describe('schema → form descriptors', () => {
  it('lists every stage with its kinds from the discriminator, in pipeline order', () => {
    const forms = pipelineForms();
    expect(forms.map((f) => f.stage)).toEqual([...STAGES]);
    const kinds = (stage: string) => forms.find((f) => f.stage === stage)?.kinds.map((k) => k.kind);
    expect(kinds('data')).toEqual(expect.arrayContaining(['dataset', 'synthetic']));
    expect(kinds('optimiser')).toEqual(expect.arrayContaining(['equal-weight', 'inverse-volatility', 'minimum-variance', 'mean-variance', 'hrp', 'erc']));
    expect(kinds('training')).toEqual(expect.arrayContaining(['none', 'decoupled', 'end-to-end']));
    const backtest = forms.find((f) => f.stage === 'backtest');
    expect(backtest?.discriminator).toBeNull();
    expect(backtest?.kinds).toHaveLength(1);
    expect(backtest?.kinds[0].fields.map((f) => f.key)).toEqual(['start', 'end', 'rebalanceEvery', 'retrainEvery', 'costBps', 'slippageBps']);
  });

  it('reads integer bounds, exclusive bounds, enums, booleans, optionals and defaults', () => {
    expect(field('data', 'synthetic', 'nAssets')).toMatchObject({ type: 'integer', min: 2, max: 2000, minInclusive: true, maxInclusive: true, default: 40, optional: false });
    expect(field('optimiser', 'mean-variance', 'gamma')).toMatchObject({ type: 'number', min: 0, minInclusive: false, default: 8 });
    expect(field('optimiser', 'minimum-variance', 'upper')).toMatchObject({ type: 'number', optional: true, min: 0, minInclusive: false, max: 1 });
    expect(field('optimiser', 'minimum-variance', 'upper').default).toBeUndefined();
    expect(field('optimiser', 'mean-variance', 'turnoverPenalty')).toMatchObject({ type: 'boolean', default: true });
    expect(field('risk', 'estimator', 'estimator')).toMatchObject({ type: 'enum', options: ['sample', 'ewma', 'ledoit-wolf', 'qis', 'nls', 'rie', 'clip', 'pca'], default: 'ledoit-wolf' });
    expect(field('data', 'dataset', 'dataset')).toMatchObject({ type: 'string', optional: false, minLength: 1 });
    expect(field('backtest', null, 'start')).toMatchObject({ type: 'string', optional: true, pattern: '^\\d{4}-\\d{2}(-\\d{2})?$' });
  });

  it('reads lists of enums, strings and bounded integers with their lengths', () => {
    expect(field('features', 'price-characteristics', 'characteristics')).toMatchObject({ type: 'enum-list', minItems: 1, options: expect.arrayContaining(['momentum-12-1', 'beta']) });
    expect(field('features', 'price-characteristics', 'macro')).toMatchObject({ type: 'string-list', default: [] });
    expect(field('predictor', 'mlp', 'hidden')).toMatchObject({ type: 'integer-list', min: 1, max: 1024, minItems: 1, maxItems: 4, default: [32] });
  });

  it('describes a kind added later with no change here (a stand-in union)', () => {
    const union = z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('a') }).strict(),
      z.object({ kind: z.literal('b'), rate: z.number().min(0).max(1).default(0.5), mode: z.enum(['x', 'y']).optional(), tags: z.array(z.number()).default([]) }).strict(),
    ]);
    const form = describeStage('risk', union);
    expect(form.kinds.map((k) => k.kind)).toEqual(['a', 'b']);
    expect(form.kinds[1].fields).toEqual([
      expect.objectContaining({ key: 'rate', type: 'number', min: 0, max: 1, default: 0.5 }),
      expect.objectContaining({ key: 'mode', type: 'enum', options: ['x', 'y'], optional: true }),
      expect.objectContaining({ key: 'tags', type: 'number-list', default: [] }),
    ]);
    expect(describeField('nested', z.object({ a: z.number() })).type).toBe('json');
  });

  it('gives the spec fields, kind defaults that parse, and readable labels and hints', () => {
    expect(specFields().map((f) => f.key)).toEqual(['name', 'description', 'seed']);
    const forms = pipelineForms();
    const defaults = Object.fromEntries(forms.map((form) => [form.stage, kindDefaults(form, form.kinds[form.stage === 'data' ? 1 : 0].kind)]));
    expect(defaults.optimiser).toEqual({ kind: 'equal-weight' });
    expect(defaults.data).toEqual({ kind: 'synthetic', nAssets: 40, nMonths: 240 });
    expect(parsePipelineSpec({ name: 'x', ...defaults }).ok).toBe(true);
    expect(fieldLabel('learningRate')).toBe('Learning rate');
    expect(boundsHint(field('optimiser', 'mean-variance', 'gamma'))).toBe('> 0');
    expect(boundsHint(field('data', 'synthetic', 'nAssets'))).toBe('≥ 2, ≤ 2000');
  });

  it('turns typed text into values and back; text that is not a number stays text for the schema to flag', () => {
    const hidden = field('predictor', 'mlp', 'hidden');
    expect(valueFromText(hidden, '64, 32')).toEqual([64, 32]);
    expect(textFromValue(hidden, [64, 32])).toBe('64, 32');
    const gamma = field('optimiser', 'mean-variance', 'gamma');
    expect(valueFromText(gamma, ' 4.5 ')).toBe(4.5);
    expect(valueFromText(gamma, '')).toBeUndefined();
    expect(valueFromText(gamma, 'abc')).toBe('abc');
    expect(valueFromText(field('features', 'price-characteristics', 'macro'), 'INDPRO, , UNRATE')).toEqual(['INDPRO', 'UNRATE']);
  });
});
