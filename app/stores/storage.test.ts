import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { dismissStorageProblem, probeStorage, readItem, storageHealth, storageProblem, writeItem } from "./storage";

/** A localStorage that holds at most `quota` characters, keys and values together. */
function smallStorage(quota: number): Storage {
  const items = new Map<string, string>();
  const used = () => [...items].reduce((n, [k, v]) => n + k.length + v.length, 0);
  return {
    get length() {
      return items.size;
    },
    key: (i) => [...items.keys()][i] ?? null,
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => {
      if (used() - (items.has(k) ? k.length + items.get(k)!.length : 0) + k.length + v.length > quota) throw new DOMException("full", "QuotaExceededError");
      items.set(k, v);
    },
    removeItem: (k) => void items.delete(k),
    clear: () => items.clear(),
  };
}

const problem = () => storageProblem(storageHealth.getState());

describe("storage failures", () => {
  beforeEach(() => {
    vi.stubGlobal("window", { localStorage: smallStorage(1000) });
    storageHealth.setState({ failed: {}, dismissed: false, memoryOnly: false });
  });
  afterAll(() => vi.unstubAllGlobals());

  it("a full storage is reported, and the value is still kept in memory", () => {
    writeItem("bp:code:a", "x".repeat(2000));
    expect(problem()).toMatch(/storage is full/);
    expect(readItem("bp:code:a")).toHaveLength(2000);
  });

  it("the warning outlives an unrelated successful write", () => {
    writeItem("bp:code:a", "x".repeat(2000));
    writeItem("bp:theme", "dark");
    writeItem("bp:code-backups:a", "{}");
    expect(problem()).toMatch(/storage is full/);
  });

  it("the warning goes once the key that failed is saved", () => {
    writeItem("bp:code:a", "x".repeat(2000));
    writeItem("bp:code:a", "small");
    expect(problem()).toBeNull();
  });

  it("every failed key must be saved before the warning goes", () => {
    writeItem("bp:code:a", "x".repeat(2000));
    writeItem("bp:code:b", "y".repeat(2000));
    writeItem("bp:code:a", "small");
    expect(problem()).toMatch(/storage is full/);
    writeItem("bp:code:b", null);
    expect(problem()).toBeNull();
  });

  it("dismissed, it stays away while the same key keeps failing, and comes back when another fails", () => {
    writeItem("bp:code:a", "x".repeat(2000));
    dismissStorageProblem();
    expect(problem()).toBeNull();
    writeItem("bp:code:a", "x".repeat(2001));
    expect(problem()).toBeNull();
    writeItem("bp:code:b", "y".repeat(2000));
    expect(problem()).toMatch(/storage is full/);
  });

  it("storage that throws on access is reported as not letting the page save", () => {
    vi.stubGlobal("window", {
      get localStorage(): Storage {
        throw new DOMException("denied", "SecurityError");
      },
    });
    writeItem("bp:theme", "dark");
    expect(problem()).toMatch(/not letting this page save/);
    expect(readItem("bp:theme")).toBe("dark");
  });

  it("storage refused on load is said at once, and once: dismissed, it stays away as other keys fail", () => {
    vi.stubGlobal("window", {
      get localStorage(): Storage {
        throw new DOMException("denied", "SecurityError");
      },
    });
    expect(problem()).toBeNull();
    expect(probeStorage()).toBe(false);
    expect(problem()).toMatch(/last only while this tab is open/);
    expect(storageProblem(storageHealth.getState(), true)).toMatch(/embedded lesson/);
    dismissStorageProblem();
    writeItem("bp:code:a", "mine");
    writeItem("bp:code:b", "other");
    expect(problem()).toBeNull();
    expect(readItem("bp:code:a")).toBe("mine");
  });

  it("storage that works, or is only full, is not memory-only", () => {
    expect(probeStorage()).toBe(true);
    expect(problem()).toBeNull();
    vi.stubGlobal("window", { localStorage: smallStorage(5) });
    expect(probeStorage()).toBe(true);
    expect(storageHealth.getState().memoryOnly).toBe(false);
  });
});
