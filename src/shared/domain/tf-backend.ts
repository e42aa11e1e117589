/**
 * The tfjs backend a run recorded (in its stored summary), read defensively and put in words for
 * the Run page and the audit report alike.
 */

export interface RecordedTfBackend {
  /** `tensorflow`, `wasm` or `cpu`. */
  backend: string;
  /** Why this backend, e.g. `WebAssembly; tfjs-node unavailable (…)`. */
  detail: string;
  /** tfjs-core version. */
  version: string;
}

/** The recorded backend, or null when the summary has none (runs stored before it was recorded). */
export function recordedTfBackend(value: unknown): RecordedTfBackend | null {
  if (value === null || typeof value !== 'object') return null;
  const { backend, detail, version } = value as Record<string, unknown>;
  if (typeof backend !== 'string' || typeof version !== 'string') return null;
  return { backend, detail: typeof detail === 'string' ? detail : '', version };
}

/** E.g. `wasm, tfjs 4.22.0 (WebAssembly; tfjs-node unavailable …)`; null when none was recorded. */
export function describeTfBackend(value: unknown): string | null {
  const info = recordedTfBackend(value);
  if (!info) return null;
  return `${info.backend}, tfjs ${info.version}${info.detail ? ` (${info.detail})` : ''}`;
}
