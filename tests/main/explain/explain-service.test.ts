import '@tensorflow/tfjs-backend-cpu';
import { gunzipSync } from 'node:zlib';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExplainRecordSchema } from '../../../src/shared/domain/explain';
import { freezePipeline } from '../../../src/main/engine/explain/frozen-pipeline';
import { pipelineMap } from '../../../src/main/engine/explain/pipeline-probe';
import { weightEntropy } from '../../../src/main/engine/explain/portfolio-probes';
import { parsePipelineSpec } from '../../../src/shared/pipeline/spec';
import { runCli } from '../../../src/main/cli/main';
import { createTestApp, type TestApp } from '../helpers/test-app';

const DATA = '/work/shared/data';
const TICKERS = ['AAPL', 'ABT', 'ADBE', 'ADM', 'AEP', 'AFL', 'AIG', 'ALL', 'AMAT', 'AMGN', 'AMZN', 'APD'];
const MACRO = ['TB3MS', 'GS10', 'BAA', 'CPIAUCSL'];
const ENTRY = new URL('../../../src/main/cli-entry.ts', import.meta.url).href;

/** Real data cut small: 12 S&P 500 stocks 1999-11..2009-12 (daily), four FRED-MD series, the NFCI. */
function writeInputs(dir: string): { prices: string; macro: string; nfci: string } {
  const lines = gunzipSync(readFileSync(join(DATA, 'equities/sp500_adjclose_1999_2021_wide.csv.gz'))).toString('utf8').split('\n');
  const header = lines[0].split(',');
  const columns = [0, ...TICKERS.map((ticker) => header.indexOf(ticker))];
  const pick = (line: string, keep: number[]): string => {
    const cells = line.split(',');
    return keep.map((c) => cells[c]).join(',');
  };
  const prices = lines.filter((line, i) => i === 0 || (line.slice(0, 4) >= '1999' && line.slice(0, 4) <= '2009')).map((line) => pick(line, columns));
  const fred = readFileSync(join(DATA, 'macro/fred_md_current_2025-02.csv'), 'utf8').split(/\r?\n/);
  const fredHeader = fred[0].split(',');
  const fredColumns = [0, ...MACRO.map((name) => fredHeader.indexOf(name))];
  const macro = fred.filter((line, i) => i < 2 || /\/(19[6-9]\d|200\d)$/.test(line.split(',')[0] ?? '')).map((line) => pick(line, fredColumns));
  const paths = { prices: join(dir, 'prices.csv'), macro: join(dir, 'macro.csv'), nfci: join(DATA, 'macro/nfci-data-series-csv.csv') };
  writeFileSync(paths.prices, prices.join('\n'));
  writeFileSync(paths.macro, macro.join('\r\n'));
  return paths;
}

/**
 * The decoupled linear pipeline the tests explain; `variant` gives the cheaper runs that only need
 * to exist: 'plain' (no macro, for the refusal), 'mlp' (an MLP on the same features, the versus side).
 */
function spec(variant: 'main' | 'plain' | 'mlp') {
  const macro = variant === 'plain' ? [] : MACRO;
  return {
    version: 1,
    name: { main: 'small · decoupled with macro', plain: 'small · no macro', mlp: 'small · MLP with macro' }[variant],
    seed: 3,
    data: { kind: 'dataset', dataset: 'prices', frequency: 'monthly', minCoverage: 0.9, macro: 'macro' },
    features: { kind: 'price-characteristics', characteristics: ['momentum-12-1', 'reversal-1m', 'volatility'], macro },
    predictor: variant === 'mlp' ? { kind: 'mlp', hidden: [4] } : { kind: 'linear', l2: 0.001 },
    risk: { kind: 'estimator', estimator: 'ledoit-wolf', lookback: 36 },
    optimiser: { kind: 'mean-variance', gamma: 8, lower: 0, upper: 0.3, turnoverPenalty: true },
    training: { kind: 'decoupled', epochs: variant === 'main' ? 15 : 3, learningRate: 0.01, patience: 5, validationPeriods: 12 },
    backtest: { start: variant === 'main' ? '2007-01' : '2008-01', end: variant === 'main' ? '2009-06' : '2008-09', rebalanceEvery: 1, retrainEvery: 12, costBps: 10, slippageBps: 0 },
  };
}

describe('explain a stored run', { timeout: 120_000 }, () => {
  let test: TestApp;
  let runId = '';
  let plainRunId = '';
  let mlpRunId = '';
  let igMuBars: number[] = [];
  beforeAll(async () => {
    test = createTestApp();
    const paths = writeInputs(test.dir);
    await test.app.datasets.startImport({ path: paths.prices, name: 'prices', options: { kind: 'prices' } }).done;
    await test.app.datasets.startImport({ path: paths.macro, name: 'macro', options: { kind: 'macro' } }).done;
    await test.app.datasets.startImport({ path: paths.nfci, name: 'nfci' }).done;
    runId = (await test.app.runs.start({ spec: spec('main') }).done).runId;
    plainRunId = (await test.app.runs.start({ spec: spec('plain') }).done).runId;
    mlpRunId = (await test.app.runs.start({ spec: spec('mlp') }).done).runId;
  }, 120_000);
  afterAll(async () => test?.dispose());

  it('freezes the run at the anchor: w(m̄) reproduces the stored decision, and dG/dm matches central differences', () => {
    const run = test.app.store.runs.get(runId)!;
    const parsed = parsePipelineSpec(run.spec);
    if (!parsed.ok) throw new Error('spec');
    const panel = (role: string) => test.app.store.datasets.panel(run.datasets.find((ref) => ref.role === role)!.id)!;
    const frozen = freezePipeline(parsed.spec, { primary: panel('primary'), macro: panel('macro') }, '2008-06');
    const map = pipelineMap(frozen);
    const atAnchor = map.evaluate(frozen.anchorMacro);
    expect(atAnchor.ok).toBe(true);
    // float32 predictor in the run vs the same weights in float64 here.
    const gap = Math.max(...atAnchor.w.map((w, i) => Math.abs(w - frozen.runWeights[i])));
    expect(gap, `max |w_f64 − w_run| = ${gap}, tolerance 1e-4`).toBeLessThan(1e-4);
    const g = (m: Float64Array) => weightEntropy(map.evaluate(m).w).value;
    const analytic = map.backward(map.evaluate(frozen.anchorMacro), weightEntropy(atAnchor.w).gradient);
    const h = 1e-5;
    for (let v = 0; v < frozen.macroNames.length; v++) {
      const up = Float64Array.from(frozen.anchorMacro);
      const down = Float64Array.from(frozen.anchorMacro);
      up[v] += h;
      down[v] -= h;
      const numeric = (g(up) - g(down)) / (2 * h);
      const tolerance = 1e-5 + 1e-4 * Math.abs(numeric);
      expect(Math.abs(analytic[v] - numeric), `dG/dm[${v}] analytic ${analytic[v]} vs FD ${numeric}, tolerance ${tolerance}`).toBeLessThan(tolerance);
    }
  });

  it('runs an explanation as a job, stores it with the run, and reads it back through the contract', async () => {
    const { id } = await test.app.explain.start({ runId, question: 'concentration', direction: 'decrease', anchor: '2008-06', chains: 2, steps: 400, tau: 0.5 }).done;
    const record = ExplainRecordSchema.parse(await test.app.handlers()['explain.get']({ id }));
    if (record.kind !== 'explanation') throw new Error('kind');
    const { result } = record;
    expect(result.variables.map((v) => v.name)).toEqual(MACRO);
    expect(result.diagnostics.sampler).toBe('mala');
    expect(result.diagnostics.acceptance).toHaveLength(2);
    expect(result.analogs.length).toBe(5);
    expect(result.analogs.every((a) => a.month !== '2008-06' && a.nfci !== null)).toBe(true);
    expect(result.nfciSource?.name).toBe('nfci');
    expect(result.outcomes[0].key).toBe('entropy');
    expect(result.runs[0].fitMonth).toBe('2007-12');
    const listed = await test.app.handlers()['explain.list']({ runId });
    expect(listed.map((row) => row.id)).toContain(id);
  });

  it('attributes μ̂ exactly for a linear predictor (completeness gap ~ 0) and stores the record', async () => {
    const { id } = await test.app.explain.attribute({ runId, method: 'ig', anchor: '2008-06' }).done;
    const record = test.app.explain.get(id);
    if (record.kind !== 'attribution') throw new Error('kind');
    const mu = record.result.runs[0].targets.find((t) => t.target === 'mu')!;
    expect(mu.completenessGap, `gap ${mu.completenessGap}, tolerance 1e-10`).toBeLessThan(1e-10);
    expect(record.result.groups.map((group) => group.name)).toEqual(['momentum-12-1', 'reversal-1m', 'volatility', ...MACRO]);
    expect(record.result.runs[0].matrices[0].values[0]).toHaveLength(7);
    igMuBars = mu.bars.map((bar) => bar.value);
  });

  it('expected gradients (shap) over a historical background are exact for a linear μ̂', async () => {
    const { id } = await test.app.explain.attribute({ runId, method: 'shap', anchor: '2008-06', background: 4 }).done;
    const record = test.app.explain.get(id);
    if (record.kind !== 'attribution') throw new Error('kind');
    expect(record.method).toBe('shap');
    const [mu, weight, portfolio] = record.result.runs[0].targets;
    // The midpoint rule integrates a constant gradient exactly: Σ EG = μ̂(x) − mean over the background of μ̂(b).
    expect(mu.completenessGap, `linear μ̂ gap ${mu.completenessGap}, tolerance 1e-10`).toBeLessThan(1e-10);
    for (const target of [weight, portfolio]) expect(Number.isFinite(target.delta) && Number.isFinite(target.completenessGap), `${target.target}: delta ${target.delta}, gap ${target.completenessGap}`).toBe(true);
  });

  it('attributes two runs side by side (versusRunId, saliency); saliency equals IG for a linear μ̂', async () => {
    const { id } = await test.app.explain.attribute({ runId, versusRunId: mlpRunId, method: 'saliency', anchor: '2008-06' }).done;
    const record = ExplainRecordSchema.parse(await test.app.handlers()['explain.get']({ id }));
    if (record.kind !== 'attribution') throw new Error('kind');
    expect(record.method).toBe('saliency');
    expect(record.result.runs.map((r) => r.run.name)).toEqual(['small · decoupled with macro', 'small · MLP with macro']);
    for (const run of record.result.runs) {
      expect(run.targets.map((t) => t.target)).toEqual(['mu', 'weight', 'return']);
      expect(run.targets.every((t) => t.bars.length === 7 && t.bars.every((bar) => Number.isFinite(bar.value))), run.run.name).toBe(true);
    }
    expect(record.result.runs[1].targets[0].bars.some((bar, q) => bar.value !== record.result.runs[0].targets[0].bars[q].value)).toBe(true);
    // For μ̂ = βᵀx + b and baseline 0, integrated gradients equal gradient × input.
    record.result.runs[0].targets[0].bars.forEach((bar, q) => {
      const difference = Math.abs(bar.value - igMuBars[q]);
      expect(difference, `${bar.group}: saliency ${bar.value} vs IG ${igMuBars[q]}, tolerance 1e-12 + 1e-9·|value|`).toBeLessThan(1e-12 + 1e-9 * Math.abs(bar.value));
    });
  });

  it('refuses bad input with errors that name what is missing, and the CLI exits 1 or 2', async () => {
    const err: string[] = [];
    const io = { out: () => undefined, err: (text: string) => err.push(text) };
    expect(() => test.app.explain.start({ runId: 'nope', question: 'concentration', anchor: '2008-06' })).toThrow(/no run with id nope/);
    expect(() => test.app.explain.start({ runId, question: 'concentration', anchor: '1990-01' })).toThrow(/anchor 1990-01 is not a rebalance month.*2006-12 to 2009-04/);
    expect(() => test.app.explain.start({ runId: plainRunId, question: 'concentration', anchor: '2008-06' })).toThrow(/no macro features.*features\.macro/);
    expect(() => test.app.explain.start({ runId, question: 'gap', anchor: '2008-06' })).toThrow(/versusRunId/);
    expect(await runCli(['--db', test.dbPath, 'explain', 'nope', '--question', 'concentration', '--anchor', '2008-06'], ENTRY, io)).toBe(1);
    expect(err.pop()).toMatch(/no run with id nope/);
    expect(await runCli(['--db', test.dbPath, 'explain', runId, '--question', 'mood', '--anchor', '2008-06'], ENTRY, io)).toBe(2);
    expect(err.pop()).toMatch(/--question must be one of/);
    expect(await runCli(['--db', test.dbPath, 'attribute', runId, '--method', 'lime'], ENTRY, io)).toBe(2);
    expect(err.pop()).toMatch(/--method lime/);
  });
});
