/** The eigendecomposition tfjs op on the cpu backend (see symmetric-eigen-op-suite.ts). */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { symmetricEigenOpSuite } from './symmetric-eigen-op-suite';

symmetricEigenOpSuite('cpu', () => tf.setBackend('cpu'));
