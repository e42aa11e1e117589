/** Out-of-sample forecast error of a predictor: the accuracy the decoupled fit optimises. */

import * as tf from '@tensorflow/tfjs-core';
import type { LearningPanel } from '../learning-panel';
import { mseLoss } from '../losses';
import type { Predictor } from '../predictors/predictor';
import { monthTensors } from '../train-decoupled';

/** mean_{t,i} (μ̂_{t,i} − r_{t+1,i})² over every month and asset of `panel`. */
export function testMse(predictor: Predictor, panel: LearningPanel): number {
  return tf.tidy(() => {
    const { features, targets } = monthTensors(panel, Array.from({ length: panel.t }, (_, month) => month));
    return mseLoss(predictor.predict(features).mu, targets).dataSync()[0];
  });
}
