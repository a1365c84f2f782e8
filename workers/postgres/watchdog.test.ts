import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { watch } from "./watchdog.ts";

describe("watch", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("calls onStuck once when pings go unanswered past the limit", async () => {
    const onStuck = vi.fn();
    const ping = vi.fn(() => new Promise(() => {})); // a blocked worker never answers
    watch({ ping, limitMs: 3000, onStuck, now: () => Date.now() });
    await vi.advanceTimersByTimeAsync(2900);
    expect(onStuck).not.toHaveBeenCalled();
    expect(ping).toHaveBeenCalledTimes(1); // one ping outstanding, not one per tick
    await vi.advanceTimersByTimeAsync(1000);
    expect(onStuck).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(onStuck).toHaveBeenCalledTimes(1);
  });

  it("stays quiet while a slow but answering worker answers within the limit", async () => {
    const onStuck = vi.fn();
    // Each answer takes 2 s (a statement that runs close to its timeout), under the 3 s limit.
    const ping = () => new Promise((resolve) => setTimeout(resolve, 2000));
    watch({ ping, limitMs: 3000, onStuck, now: () => Date.now() });
    await vi.advanceTimersByTimeAsync(30_000);
    expect(onStuck).not.toHaveBeenCalled();
  });

  it("never fires once stopped", async () => {
    const onStuck = vi.fn();
    const dog = watch({ ping: () => new Promise(() => {}), limitMs: 1000, onStuck, now: () => Date.now() });
    dog.stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(onStuck).not.toHaveBeenCalled();
  });
});
