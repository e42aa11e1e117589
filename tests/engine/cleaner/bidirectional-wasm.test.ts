/**
 * The fused bidirectional recurrent op on the wasm backend (see bidirectional-suite.ts).
 * `setBackend` resolves false, rather than throwing, when the .wasm binary is not found; the suite
 * asserts it resolved true.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { bidirectionalSuite } from './bidirectional-suite';

bidirectionalSuite('wasm', () => tf.setBackend('wasm'));
