/**
 * Hyper-parameters of the learned covariance cleaner (Bongiorno, Manolakis & Mantegna, arXiv
 * 2507.01918, METHODS.md §3): which lag transform, which recurrent cell, the layer sizes and the
 * fixed input scalings. A config plus the weights (cleaner-model.ts) is a complete model.
 */

import type { RecurrentCell } from './recurrent-types';

/** Lag transform parametrisation: free α_t, β_t per lag, or the five-parameter power law. */
export type LagForm = 'per-lag' | 'compact';

/** Everything that fixes the model's architecture and input conventions. */
export interface CleanerConfig {
  /** 'compact' (5 parameters, METHODS.md §3) or 'per-lag' (2 per lag). */
  readonly lagForm: LagForm;
  /** L, the number of most recent daily returns the model reads (lags 1..L); default 252. */
  readonly lookback: number;
  /** 'lstm' (the paper) or 'gru' (the authors' library). */
  readonly cell: RecurrentCell;
  /** GRU only: Keras's `reset_after` (default true). */
  readonly resetAfter: boolean;
  /** Hidden units per direction of the spectral RNN (the paper: 16). */
  readonly units: number;
  /** Hidden units of the marginal-volatility head (the paper: 8). */
  readonly volHidden: number;
  /** Daily returns are multiplied by this before the lag transform (METHODS.md §3: 252). */
  readonly returnScale: number;
  /**
   * Fixed multipliers of the per-eigenvalue features [λ, q = N/T, √N, √T] before the RNN. The
   * paper feeds them raw; √N and √T ≈ 15–30 would saturate every gate of a freshly initialised
   * cell, so the default scales them by 1/10.
   */
  readonly featureScale: readonly [number, number, number, number];
}

/** Initial compact lag coefficients c = (c₀, c₁, c₂, c₃, c₄) of METHODS.md §3. */
export const INITIAL_LAG_COEFFICIENTS: readonly [number, number, number, number, number] = [2.8, 0.2, 0.85, 0.5, 0.05];

/** The defaults: compact lag transform, BiLSTM with 16 units, 252-day lookback. */
export const DEFAULT_CLEANER_CONFIG: CleanerConfig = {
  lagForm: 'compact',
  lookback: 252,
  cell: 'lstm',
  resetAfter: true,
  units: 16,
  volHidden: 8,
  returnScale: 252,
  featureScale: [1, 1, 0.1, 0.1],
};

function positiveInteger(value: unknown, name: string): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got ${String(value)}`);
}

function positiveFinite(value: unknown, name: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a finite number > 0, got ${String(value)}`);
}

/**
 * Fills the defaults into a partial config and validates every field.
 *
 * @throws naming the field, e.g. `config.lookback must be an integer ≥ 3, got 1`.
 */
export function resolveCleanerConfig(partial: Partial<CleanerConfig> = {}): CleanerConfig {
  const config: CleanerConfig = { ...DEFAULT_CLEANER_CONFIG, ...partial };
  if (config.lagForm !== 'compact' && config.lagForm !== 'per-lag') throw new Error(`config.lagForm must be 'compact' or 'per-lag', got ${String(config.lagForm)}`);
  if (!Number.isInteger(config.lookback) || config.lookback < 3) throw new Error(`config.lookback must be an integer ≥ 3, got ${String(config.lookback)}`);
  if (config.cell !== 'lstm' && config.cell !== 'gru') throw new Error(`config.cell must be 'lstm' or 'gru', got ${String(config.cell)}`);
  if (typeof config.resetAfter !== 'boolean') throw new Error(`config.resetAfter must be a boolean, got ${String(config.resetAfter)}`);
  positiveInteger(config.units, 'config.units');
  positiveInteger(config.volHidden, 'config.volHidden');
  positiveFinite(config.returnScale, 'config.returnScale');
  if (!Array.isArray(config.featureScale) || config.featureScale.length !== 4) throw new Error(`config.featureScale must hold 4 numbers, got ${String(config.featureScale)}`);
  config.featureScale.forEach((value, k) => positiveFinite(value, `config.featureScale[${k}]`));
  return { ...config, featureScale: [...config.featureScale] as unknown as CleanerConfig['featureScale'] };
}
