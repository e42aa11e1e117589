/**
 * Chooses the tfjs backend once per process: tfjs-node where its native library installed, else
 * WebAssembly (only if `setBackend('wasm')` really returned true — it silently falls back when the
 * .wasm file is missing), else the pure-JS cpu backend.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';

export interface TfBackendInfo {
  backend: string;
  detail: string;
  version: string;
}

let selected: Promise<TfBackendInfo> | undefined;

function reason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0];
}

async function choose(): Promise<TfBackendInfo> {
  // PROD silences tfjs's console banners (they would interleave with the CLI's --json output).
  tf.env().set('PROD', true);
  const notes: string[] = [];
  try {
    const nodePackage = '@tensorflow/tfjs-node';
    await import(/* @vite-ignore */ nodePackage);
    if (await tf.setBackend('tensorflow')) {
      await tf.ready();
      return { backend: 'tensorflow', detail: 'tfjs-node (libtensorflow)', version: tf.version_core };
    }
    notes.push('tfjs-node loaded but its backend did not initialise');
  } catch (error) {
    notes.push(`tfjs-node unavailable (${reason(error)})`);
  }
  try {
    await import('@tensorflow/tfjs-backend-wasm');
    if (await tf.setBackend('wasm')) {
      await tf.ready();
      return { backend: 'wasm', detail: `WebAssembly; ${notes.join('; ')}`, version: tf.version_core };
    }
    notes.push('wasm backend did not initialise');
  } catch (error) {
    notes.push(`wasm unavailable (${reason(error)})`);
  }
  await tf.setBackend('cpu');
  await tf.ready();
  return { backend: 'cpu', detail: `pure JavaScript; ${notes.join('; ')}`, version: tf.version_core };
}

export function selectTfBackend(): Promise<TfBackendInfo> {
  selected ??= choose();
  return selected;
}
