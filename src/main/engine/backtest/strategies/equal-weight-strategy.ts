/**
 * 1/N over the universe (DeMiguel, Garlappi, Uppal, RFS 2009): the benchmark every strategy must
 * beat out of sample. Assets without complete returns in the lookback window get 0.
 */

import { equalWeight } from '../../portfolio/equal-weight';
import type { Strategy } from '../types';
import { scatterWeights } from './universe-fit';

export type EqualWeightSpec = {
  readonly kind: 'equal-weight';
};

/** w_i = 1/k for the k universe assets at each rebalance. */
export function equalWeightStrategy(): Strategy {
  const spec: EqualWeightSpec = { kind: 'equal-weight' };
  return {
    name: 'equal-weight',
    spec,
    rebalance(view) {
      const { indices, k } = view.universeReturns();
      const { weights, status } = equalWeight(k);
      return { weights: scatterWeights(weights, indices, view.n), status, diagnostics: { universe: k } };
    },
  };
}
