import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { connectionRefusal, draftProblems, fullChain, importJson, exportJson, missingLinks, neighbour, placeProblems, stageSummary, withField, withKind, withStageDefaults } from '../../../src/renderer/src/lib/pipeline-editor/editor-model';
import { HISTORY_LIMIT, pushHistory, redo, startHistory, undo } from '../../../src/renderer/src/lib/pipeline-editor/history';
import { describeStage } from '../../../src/shared/pipeline/schema-fields';

const preset = JSON.parse(readFileSync(new URL('../../../examples/pipelines/synthetic-decoupled.json', import.meta.url), 'utf8')) as Record<string, unknown>;

describe('links between stages', () => {
  it('accepts only stage → next stage, once', () => {
    expect(connectionRefusal('data', 'features', [])).toBeNull();
    expect(connectionRefusal('risk', 'optimiser', [])).toBeNull();
    expect(connectionRefusal('data', 'optimiser', [])).toBe('Data can only feed Features');
    expect(connectionRefusal('features', 'data', [])).toBe('Features can only feed Predictor');
    expect(connectionRefusal('backtest', 'data', [])).toBe('Backtest can only feed nothing');
    expect(connectionRefusal('data', 'data', [])).not.toBeNull();
    expect(connectionRefusal('data', 'features', fullChain())).toBe('Data already feeds Features');
    expect(connectionRefusal('node-x', 'features', [])).not.toBeNull();
  });

  it('reports each missing link on the stage that lacks its input', () => {
    expect(fullChain()).toHaveLength(6);
    expect(missingLinks(fullChain())).toEqual([]);
    const broken = fullChain().filter((link) => link !== 'risk>optimiser');
    expect(missingLinks(broken)).toEqual([{ path: ['optimiser'], message: 'not connected: link Risk model → Optimiser' }]);
  });
});

describe('draft problems', () => {
  it('places schema problems on their node and field, and spec-level ones on the pipeline', () => {
    const draft = withField(withField(preset, 'optimiser', 'gamma', -2), 'pipeline', 'name', '');
    const placed = placeProblems(draftProblems({ spec: draft, links: fullChain() }));
    expect(placed).toEqual(expect.arrayContaining([
      expect.objectContaining({ node: 'optimiser', field: 'gamma' }),
      expect.objectContaining({ node: 'pipeline', field: 'name' }),
    ]));
    expect(draftProblems({ spec: preset, links: fullChain() })).toEqual([]);
  });

  it('text typed into a number field is an error in place, not a lost edit', () => {
    const placed = placeProblems(draftProblems({ spec: withField(preset, 'backtest', 'costBps', 'ten'), links: fullChain() }));
    expect(placed).toEqual([expect.objectContaining({ node: 'backtest', field: 'costBps' })]);
  });

  it('switching kind starts from the kind defaults, and connection rules are reported on the right stage', () => {
    const optimiser = describeStage('optimiser');
    const switched = withKind(preset, optimiser, 'hrp');
    expect(switched.optimiser).toEqual({ kind: 'hrp', linkage: 'single' });
    expect(placeProblems(draftProblems({ spec: switched, links: fullChain() }))).toEqual([]);
    const training = withKind(preset, describeStage('training'), 'end-to-end');
    expect(placeProblems(draftProblems({ spec: withKind(training, optimiser, 'erc'), links: fullChain() }))).toEqual([expect.objectContaining({ node: 'training', field: 'kind' })]);
  });

  it('removing a field lets its default apply; edits never mutate the draft', () => {
    const before = JSON.stringify(preset);
    const removed = withField(preset, 'optimiser', 'gamma', undefined);
    expect((removed.optimiser as Record<string, unknown>).gamma).toBeUndefined();
    expect(JSON.stringify(preset)).toBe(before);
    expect(stageSummary(preset, describeStage('predictor'))).toBe('hidden 32 · riskFactors 0 · l2 0.0001');
    expect(neighbour('data', -1)).toBeNull();
    expect(neighbour('data', 1)).toBe('features');
    expect(neighbour('backtest', 1)).toBeNull();
  });

  it('fills the stages a spec leaves out with the schema defaults and keeps the ones it has', () => {
    const minimal = { name: 'm', data: { kind: 'synthetic' }, optimiser: { kind: 'hrp' } };
    const filled = withStageDefaults(minimal);
    expect(filled).toMatchObject({ features: { kind: 'none' }, predictor: { kind: 'none' }, training: { kind: 'none' }, risk: { kind: 'estimator', estimator: 'ledoit-wolf', lookback: 60 }, optimiser: { kind: 'hrp' } });
    expect(filled.backtest).toEqual({ rebalanceEvery: 1, retrainEvery: 12, costBps: 10, slippageBps: 0 });
    expect(minimal).not.toHaveProperty('features');
  });

  it('exports JSON that imports back to the same spec, and refuses what is not an object', () => {
    expect(importJson(exportJson(preset))).toEqual(preset);
    expect(() => importJson('[1]')).toThrow(/JSON object/);
    expect(() => importJson('{oops')).toThrow(/not JSON/);
  });
});

describe('history', () => {
  it('undoes and redoes snapshots, skips no-op edits and clears redo on a new edit', () => {
    let h = startHistory({ n: 0 });
    h = pushHistory(h, { n: 1 });
    h = pushHistory(h, { n: 1 });
    h = pushHistory(h, { n: 2 });
    expect(h.past).toHaveLength(2);
    h = undo(h);
    expect(h.present).toEqual({ n: 1 });
    h = undo(undo(h));
    expect(h.present).toEqual({ n: 0 });
    h = redo(h);
    expect(h.present).toEqual({ n: 1 });
    h = pushHistory(h, { n: 5 });
    expect(h.future).toEqual([]);
    expect(redo(h)).toBe(h);
  });

  it('keeps at most HISTORY_LIMIT past snapshots', () => {
    let h = startHistory(0);
    for (let i = 1; i <= HISTORY_LIMIT + 10; i += 1) h = pushHistory(h, i);
    expect(h.past).toHaveLength(HISTORY_LIMIT);
    expect(h.past[0]).toBe(10);
  });
});
