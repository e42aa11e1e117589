import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeProblems, parsePipelineSpec, type PipelineSpec } from '../../src/shared/pipeline/spec';

const EXAMPLES = join(process.cwd(), 'examples/pipelines');

function parse(value: unknown): PipelineSpec {
  const parsed = parsePipelineSpec(value);
  if (!parsed.ok) throw new Error(describeProblems(parsed.problems));
  return parsed.spec;
}

describe('PipelineSpec', () => {
  it.each(readdirSync(EXAMPLES).filter((file) => file.endsWith('.json')))('example %s validates and round-trips through JSON unchanged', (file) => {
    const spec = parse(JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')));
    expect(parse(JSON.parse(JSON.stringify(spec)))).toEqual(spec);
  });

  it('fills defaults so a minimal spec is complete', () => {
    const spec = parse({ name: 'EW', data: { kind: 'synthetic' }, optimiser: { kind: 'equal-weight' } });
    expect(spec).toMatchObject({ version: 1, seed: 1, data: { nAssets: 40, nMonths: 240 }, predictor: { kind: 'none' }, training: { kind: 'none' }, backtest: { costBps: 10, rebalanceEvery: 1 } });
  });

  it('names every invalid field by its path', () => {
    const parsed = parsePipelineSpec({ name: '', data: { kind: 'dataset' }, optimiser: { kind: 'mean-variance', gamma: -1 }, backtest: { costBps: -5, start: '2005/01' } });
    expect(parsed.ok).toBe(false);
    const text = parsed.ok ? '' : describeProblems(parsed.problems);
    for (const path of ['name', 'data.dataset', 'optimiser.gamma', 'backtest.costBps', 'backtest.start']) expect(text).toContain(`${path}:`);
    expect(parsePipelineSpec({ name: 'x', data: { kind: 'synthetic' }, optimiser: { kind: 'equal-weight' }, extra: 1 }).ok).toBe(false);
  });

  it.each([
    [{ optimiser: { kind: 'mean-variance' } }, 'predictor.kind', 'needs a return forecast'],
    [{ predictor: { kind: 'linear' }, training: { kind: 'decoupled' }, optimiser: { kind: 'mean-variance' } }, 'features.kind', 'needs features'],
    [{ features: { kind: 'synthetic-characteristics' }, predictor: { kind: 'linear' }, training: { kind: 'end-to-end' }, optimiser: { kind: 'equal-weight' } }, 'training.kind', 'mean–variance QP'],
    [{ risk: { kind: 'learned-head' }, optimiser: { kind: 'minimum-variance' } }, 'risk.kind', 'riskFactors > 0'],
    [{ features: { kind: 'synthetic-characteristics' }, predictor: { kind: 'mlp' }, optimiser: { kind: 'mean-variance' } }, 'training.kind', 'must be trained'],
    [{ risk: { kind: 'estimator', estimator: 'ewma' }, optimiser: { kind: 'minimum-variance' } }, 'risk.halfLife', 'half-life'],
  ])('refuses a connection the stages cannot make: %j', (partial, path, message) => {
    const parsed = parsePipelineSpec({ name: 'x', data: { kind: 'synthetic' }, ...partial });
    expect(parsed.ok).toBe(false);
    const text = parsed.ok ? '' : describeProblems(parsed.problems);
    expect(text).toContain(`${path}: `);
    expect(text).toContain(message);
  });
});
