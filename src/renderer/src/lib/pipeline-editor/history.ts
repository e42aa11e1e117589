/**
 * Undo/redo as an immutable record of snapshots: every edit pushes the new state, undo and redo
 * move along the record. Pure functions, so a Svelte `$state.raw` holding one record is all the
 * reactivity the editor needs.
 */
export interface History<T> {
  readonly past: readonly T[];
  readonly present: T;
  readonly future: readonly T[];
}

/** Older snapshots beyond this many are dropped. */
export const HISTORY_LIMIT = 200;

export function startHistory<T>(present: T): History<T> {
  return { past: [], present, future: [] };
}

/** Records `next` as the present; an edit that changes nothing is not a step, and redo is cleared. */
export function pushHistory<T>(history: History<T>, next: T, equal: (a: T, b: T) => boolean = (a, b) => JSON.stringify(a) === JSON.stringify(b)): History<T> {
  if (equal(history.present, next)) return history;
  const past = [...history.past, history.present];
  return { past: past.length > HISTORY_LIMIT ? past.slice(past.length - HISTORY_LIMIT) : past, present: next, future: [] };
}

export function undo<T>(history: History<T>): History<T> {
  if (history.past.length === 0) return history;
  return { past: history.past.slice(0, -1), present: history.past[history.past.length - 1], future: [history.present, ...history.future] };
}

export function redo<T>(history: History<T>): History<T> {
  if (history.future.length === 0) return history;
  return { past: [...history.past, history.present], present: history.future[0], future: history.future.slice(1) };
}
