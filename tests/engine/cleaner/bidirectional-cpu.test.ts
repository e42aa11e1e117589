/** The fused bidirectional recurrent op on the cpu backend (see bidirectional-suite.ts). */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { bidirectionalSuite } from './bidirectional-suite';

bidirectionalSuite('cpu', () => tf.setBackend('cpu'));
