/**
 * The probing function G(m) of each question (METHODS §5, issue 7), over one frozen pipeline or
 * two, with its exact gradient through the pipelines:
 * - benchmark: (w(m)ᵀr − b)², r the holding month's realised returns;
 * - concentration: ∓entropy(w(m)) (decrease = concentrate);
 * - divergence: ∓‖w₁(m) − w₂(m)‖₁ (the two runs must share the anchor's universe);
 * - gap: ∓(w₁(m)ᵀr₁ − w₂(m)ᵀr₂), the return gap of the holding month;
 * - custom: ∓Σ_{i∈S} w_i(m), the weight of one asset or of a sector.
 * `increase` gives G = −outcome (p_τ favours small G), `decrease` G = +outcome; benchmark ignores it.
 */
import type { ExplainDirection, ExplainQuestion, CustomTarget } from '../../../shared/domain/explain';
import { benchmarkGap, weightDivergence, weightEntropy } from './portfolio-probes';
import type { PipelineMap } from './pipeline-probe';

/** Parameters of {@link questionProbe}. */
export interface QuestionSpec {
  readonly question: ExplainQuestion;
  readonly direction: ExplainDirection;
  /** b of the benchmark question (monthly decimal). */
  readonly benchmark?: number;
  readonly custom?: CustomTarget;
}

/** G with its gradient and the outcome it is built from. */
export interface QuestionProbe {
  /** e.g. "−entropy(w): push entropy up". */
  readonly description: string;
  /** Outcome key and label (see OutcomeResultSchema). */
  readonly outcomeKey: 'portfolioReturn' | 'entropy' | 'divergence' | 'returnGap' | 'targetWeight';
  readonly outcomeLabel: string;
  /** The outcome at m (NaN when a QP failed). */
  outcome(m: Float64Array): number;
  /** G(m). */
  value(m: Float64Array): number;
  /** ∇G(m), length l. */
  gradient(m: Float64Array): Float64Array;
}

function addScaled(target: Float64Array, source: Float64Array, scale: number): void {
  for (let i = 0; i < target.length; i++) target[i] += scale * source[i];
}

/**
 * Builds G for a question.
 *
 * @param maps - one pipeline, or two for divergence and gap (same macro variables).
 * @throws when the question needs two pipelines and got one, the universes differ for divergence,
 *   the custom target names no asset of the universe, or the benchmark b is not finite.
 */
export function questionProbe(maps: readonly PipelineMap[], spec: QuestionSpec): QuestionProbe {
  const [first, second] = maps;
  const sign = spec.direction === 'increase' ? -1 : 1;
  const verb = spec.direction === 'increase' ? 'push up' : 'push down';
  const needsTwo = spec.question === 'divergence' || spec.question === 'gap';
  if (needsTwo && !second) throw new Error(`question ${spec.question} compares two pipelines; got one`);
  if (second && second.frozen.macroNames.join(',') !== first.frozen.macroNames.join(',')) {
    throw new Error(`the two pipelines use different macro variables (${first.frozen.macroNames.join(', ')} vs ${second.frozen.macroNames.join(', ')})`);
  }
  const realised = first.frozen.realised;

  switch (spec.question) {
    case 'benchmark': {
      const b = spec.benchmark ?? realised.reduce((sum, r) => sum + r, 0) / realised.length;
      if (!Number.isFinite(b)) throw new Error(`benchmark = ${b}: must be finite`);
      return {
        description: `(wᵀr − b)² with b = ${(100 * b).toFixed(2)} %: match the benchmark`,
        outcomeKey: 'portfolioReturn',
        outcomeLabel: 'portfolio return wᵀr of the holding month',
        outcome: (m) => {
          const e = first.evaluate(m);
          return e.ok ? e.w.reduce((sum, w, i) => sum + w * realised[i], 0) : Number.NaN;
        },
        value: (m) => {
          const e = first.evaluate(m);
          return e.ok ? benchmarkGap(e.w, realised, b).value : Number.NaN;
        },
        gradient: (m) => {
          const e = first.evaluate(m);
          return first.backward(e, benchmarkGap(e.w, realised, b).gradient);
        },
      };
    }
    case 'concentration':
      return {
        description: `${sign < 0 ? '−' : '+'}entropy(w): ${spec.direction === 'increase' ? 'diversify' : 'concentrate'}`,
        outcomeKey: 'entropy',
        outcomeLabel: 'entropy of the weights (nats)',
        outcome: (m) => {
          const e = first.evaluate(m);
          return e.ok ? weightEntropy(e.w).value : Number.NaN;
        },
        value: (m) => {
          const e = first.evaluate(m);
          return e.ok ? sign * weightEntropy(e.w).value : Number.NaN;
        },
        gradient: (m) => {
          const e = first.evaluate(m);
          const g = weightEntropy(e.w).gradient.map((value) => sign * value);
          return first.backward(e, g);
        },
      };
    case 'divergence': {
      if (first.frozen.assets.join('\u0000') !== second.frozen.assets.join('\u0000')) {
        throw new Error(`divergence compares weights asset by asset: the two runs hold different universes at ${first.frozen.anchor} (${first.frozen.n} vs ${second.frozen.n} assets)`);
      }
      const pair = (m: Float64Array) => [first.evaluate(m), second.evaluate(m)] as const;
      return {
        description: `${sign < 0 ? '−' : '+'}‖w₁ − w₂‖₁: ${verb} the divergence`,
        outcomeKey: 'divergence',
        outcomeLabel: '‖w₁ − w₂‖₁',
        outcome: (m) => {
          const [a, b] = pair(m);
          return a.ok && b.ok ? weightDivergence(a.w, b.w).value : Number.NaN;
        },
        value: (m) => {
          const [a, b] = pair(m);
          return a.ok && b.ok ? sign * weightDivergence(a.w, b.w).value : Number.NaN;
        },
        gradient: (m) => {
          const [a, b] = pair(m);
          const g = weightDivergence(a.w, b.w).gradient;
          const out = first.backward(a, g.map((value) => sign * value));
          addScaled(out, second.backward(b, g), -sign);
          return out;
        },
      };
    }
    case 'gap': {
      const r2 = second.frozen.realised;
      const pair = (m: Float64Array) => [first.evaluate(m), second.evaluate(m)] as const;
      const gap = (m: Float64Array): number => {
        const [a, b] = pair(m);
        if (!a.ok || !b.ok) return Number.NaN;
        return a.w.reduce((sum, w, i) => sum + w * realised[i], 0) - b.w.reduce((sum, w, i) => sum + w * r2[i], 0);
      };
      return {
        description: `${sign < 0 ? '−' : '+'}(r₁ − r₂): ${verb} the return gap of the holding month`,
        outcomeKey: 'returnGap',
        outcomeLabel: 'return gap r₁ − r₂ of the holding month',
        outcome: gap,
        value: (m) => sign * gap(m),
        gradient: (m) => {
          const [a, b] = pair(m);
          const out = first.backward(a, realised.map((r) => sign * r));
          addScaled(out, second.backward(b, r2), -sign);
          return out;
        },
      };
    }
    case 'custom': {
      const target = spec.custom;
      if (!target) throw new Error('question custom needs a target asset or sector');
      const members = first.frozen.assets.flatMap((asset, i) => ((target.kind === 'asset' ? asset === target.asset : target.sectors[asset] === target.sector) ? [i] : []));
      const name = target.kind === 'asset' ? target.asset : `sector ${target.sector}`;
      if (members.length === 0) throw new Error(`custom target ${name}: no asset of the anchor's universe (${first.frozen.n} assets) matches`);
      const indicator = new Float64Array(first.frozen.n);
      for (const i of members) indicator[i] = 1;
      return {
        description: `${sign < 0 ? '−' : '+'}weight of ${name}: ${verb} it`,
        outcomeKey: 'targetWeight',
        outcomeLabel: `weight of ${name}`,
        outcome: (m) => {
          const e = first.evaluate(m);
          return e.ok ? members.reduce((sum, i) => sum + e.w[i], 0) : Number.NaN;
        },
        value: (m) => {
          const e = first.evaluate(m);
          return e.ok ? sign * members.reduce((sum, i) => sum + e.w[i], 0) : Number.NaN;
        },
        gradient: (m) => first.backward(first.evaluate(m), indicator.map((value) => sign * value)),
      };
    }
  }
}
