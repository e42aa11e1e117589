/** Window bounds restored on a display that exists, whatever was saved. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { debounced, parseWindowState, restoreWindowBounds } from '../../../src/main/platform/window-bounds';

const PRIMARY = { x: 0, y: 0, width: 1920, height: 1040 };
const RIGHT = { x: 1920, y: 0, width: 2560, height: 1400 };

afterEach(() => {
  vi.useRealTimers();
});

describe('restoreWindowBounds', () => {
  it('centres the default size on the primary display without a saved state', () => {
    expect(restoreWindowBounds(undefined, [PRIMARY])).toEqual({ bounds: { x: 320, y: 110, width: 1280, height: 820 }, maximised: false });
  });

  it('keeps saved bounds on a second display, and the maximised flag', () => {
    const saved = { bounds: { x: 2100, y: 100, width: 1400, height: 900 }, maximised: true };
    expect(restoreWindowBounds(saved, [PRIMARY, RIGHT])).toEqual(saved);
  });

  it('moves a window whose display was unplugged to the primary one, keeping its size', () => {
    const saved = { bounds: { x: 2100, y: 100, width: 1400, height: 900 }, maximised: false };
    expect(restoreWindowBounds(saved, [PRIMARY])).toEqual({ bounds: { x: 260, y: 70, width: 1400, height: 900 }, maximised: false });
  });

  it('pulls a window hanging off an edge back inside and shrinks one larger than the display', () => {
    expect(restoreWindowBounds({ bounds: { x: 1800, y: -5, width: 1000, height: 700 }, maximised: false }, [PRIMARY]).bounds).toEqual({ x: 920, y: 0, width: 1000, height: 700 });
    expect(restoreWindowBounds({ bounds: { x: 10, y: 10, width: 3000, height: 2000 }, maximised: false }, [PRIMARY]).bounds).toEqual({ x: 0, y: 0, width: 1920, height: 1040 });
  });

  it('never makes a window smaller than the minimum the pages need, unless the display is', () => {
    expect(restoreWindowBounds({ bounds: { x: 0, y: 0, width: 200, height: 100 }, maximised: false }, [PRIMARY]).bounds).toMatchObject({ width: 800, height: 560 });
    expect(restoreWindowBounds(undefined, [{ x: 0, y: 0, width: 640, height: 480 }]).bounds).toEqual({ x: 0, y: 0, width: 640, height: 480 });
  });

  it('ignores malformed saved state and refuses no displays', () => {
    for (const bad of [null, 'big', { bounds: { x: 0, y: 0, width: Number.NaN, height: 5 } }, { bounds: { x: 0, y: 0, width: -1, height: 5 } }, { maximised: true }]) {
      expect(parseWindowState(bad)).toBeNull();
      expect(restoreWindowBounds(bad, [PRIMARY]).bounds).toEqual({ x: 320, y: 110, width: 1280, height: 820 });
    }
    expect(() => restoreWindowBounds(undefined, [])).toThrow(/workAreas is empty/);
  });
});

describe('debounced', () => {
  it('saves once after a burst of changes, and at once on flush', () => {
    vi.useFakeTimers();
    const save = vi.fn();
    const saver = debounced(save, 500);
    for (let i = 0; i < 20; i++) {
      saver.schedule();
      vi.advanceTimersByTime(50);
    }
    expect(save).not.toHaveBeenCalled();
    vi.advanceTimersByTime(500);
    expect(save).toHaveBeenCalledTimes(1);
    saver.schedule();
    saver.flush();
    expect(save).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(1000);
    expect(save).toHaveBeenCalledTimes(2);
  });
});
