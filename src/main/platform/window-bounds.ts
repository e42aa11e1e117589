/**
 * Where the main window opens: the size and position it had when last closed (or resized),
 * clamped so it is on a display that is still attached — a window saved on a monitor that has
 * since been unplugged must not open off-screen. Pure: Electron's `screen` supplies the displays.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What the settings store keeps (key {@link WINDOW_STATE_KEY}). */
export interface WindowState {
  bounds: Rect;
  maximised: boolean;
}

export const WINDOW_STATE_KEY = 'window.state';
export const DEFAULT_SIZE = { width: 1280, height: 820 };
/** Smallest window in which the pages still lay out. */
export const MIN_SIZE = { width: 800, height: 560 };
/** At least this much of the title bar must overlap a display for the window to count as on it. */
const MIN_VISIBLE = 64;

function isRect(value: unknown): value is Rect {
  if (value === null || typeof value !== 'object') return false;
  const rect = value as Record<string, unknown>;
  return ['x', 'y', 'width', 'height'].every((key) => typeof rect[key] === 'number' && Number.isFinite(rect[key]));
}

/** The stored state if it is well formed (any stored JSON may be stale or hand-edited), else null. */
export function parseWindowState(value: unknown): WindowState | null {
  if (value === null || typeof value !== 'object') return null;
  const { bounds, maximised } = value as Record<string, unknown>;
  if (!isRect(bounds) || bounds.width <= 0 || bounds.height <= 0) return null;
  return { bounds: { ...bounds }, maximised: maximised === true };
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

function centred(size: { width: number; height: number }, area: Rect): Rect {
  return { ...size, x: Math.round(area.x + (area.width - size.width) / 2), y: Math.round(area.y + (area.height - size.height) / 2) };
}

/**
 * The bounds to open the window with.
 *
 * @param saved - the stored state, or anything (parsed with {@link parseWindowState}).
 * @param workAreas - each display's work area (screen minus task bars), the primary first; ≥ 1.
 * @returns bounds within one work area: the saved ones when their title bar is on a display
 *   (shrunk to fit it), else the saved size (or the default) centred on the primary display.
 */
export function restoreWindowBounds(saved: unknown, workAreas: readonly Rect[]): WindowState {
  if (workAreas.length === 0) throw new Error('workAreas is empty: at least the primary display is needed');
  const primary = workAreas[0];
  const state = parseWindowState(saved);
  const fit = (size: { width: number; height: number }, area: Rect) => ({
    width: Math.max(Math.min(MIN_SIZE.width, area.width), Math.min(size.width, area.width)),
    height: Math.max(Math.min(MIN_SIZE.height, area.height), Math.min(size.height, area.height)),
  });
  if (!state) return { bounds: centred(fit(DEFAULT_SIZE, primary), primary), maximised: false };
  const titleBar: Rect = { ...state.bounds, height: Math.min(state.bounds.height, 32) };
  const home = workAreas.find((area) => {
    const shared = overlap(titleBar, area);
    return shared.width >= Math.min(MIN_VISIBLE, titleBar.width) && shared.height > 0;
  });
  if (!home) return { bounds: centred(fit(state.bounds, primary), primary), maximised: state.maximised };
  const size = fit(state.bounds, home);
  const x = Math.min(Math.max(state.bounds.x, home.x), home.x + home.width - size.width);
  const y = Math.min(Math.max(state.bounds.y, home.y), home.y + home.height - size.height);
  return { bounds: { x, y, ...size }, maximised: state.maximised };
}

/**
 * Calls `save` once changes stop for `delayMs` (resizing fires dozens of events a second);
 * `flush` saves a pending change at once (on close).
 */
export function debounced(save: () => void, delayMs: number): { schedule: () => void; flush: () => void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    schedule: () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        save();
      }, delayMs);
    },
    flush: () => {
      if (timer) clearTimeout(timer);
      timer = undefined;
      save();
    },
  };
}
