/**
 * The tfjs layer on the wasm backend (see layer-suite.ts). `setBackend` resolves false, rather than
 * throwing, when the .wasm binary is not found; the suite's first test asserts it resolved true.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { layerSuite } from './layer-suite';

layerSuite('wasm', () => tf.setBackend('wasm'));
