import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createDeferredSave } from "./deferred-save";

describe("saving off the keystroke path", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("saves once typing pauses, not on each keystroke", () => {
    const save = vi.fn();
    const deferred = createDeferredSave(save, { idleMs: 400, maxWaitMs: 3000 });
    for (let i = 0; i < 10; i++) {
      deferred.schedule();
      vi.advanceTimersByTime(50);
    }
    expect(save).not.toHaveBeenCalled();
    vi.advanceTimersByTime(400);
    expect(save).toHaveBeenCalledTimes(1);
  });

  it("saves at least every maxWaitMs while typing goes on", () => {
    const save = vi.fn();
    const deferred = createDeferredSave(save, { idleMs: 400, maxWaitMs: 1000 });
    for (let i = 0; i < 30; i++) {
      deferred.schedule();
      vi.advanceTimersByTime(100);
    }
    expect(save).toHaveBeenCalledTimes(3);
  });

  it("flush saves what waits at once, and nothing when nothing waits", () => {
    const save = vi.fn();
    const deferred = createDeferredSave(save);
    deferred.flush();
    expect(save).not.toHaveBeenCalled();
    deferred.schedule();
    deferred.flush();
    expect(save).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(10_000);
    expect(save).toHaveBeenCalledTimes(1);
  });

  it("dispose saves what waits and then ignores later changes", () => {
    const save = vi.fn();
    const deferred = createDeferredSave(save);
    deferred.schedule();
    deferred.dispose();
    deferred.schedule();
    vi.advanceTimersByTime(10_000);
    expect(save).toHaveBeenCalledTimes(1);
  });
});
