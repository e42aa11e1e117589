/**
 * The eigendecomposition tfjs op on the wasm backend (see symmetric-eigen-op-suite.ts); the suite
 * asserts `setBackend` resolved true, as it resolves false when the .wasm binary is missing.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { symmetricEigenOpSuite } from './symmetric-eigen-op-suite';

symmetricEigenOpSuite('wasm', () => tf.setBackend('wasm'));
