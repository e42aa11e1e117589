/** The tfjs layer on the cpu backend (see layer-suite.ts). */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { layerSuite } from './layer-suite';

layerSuite('cpu', () => tf.setBackend('cpu'));
