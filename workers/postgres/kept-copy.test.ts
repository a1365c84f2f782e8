// The kept copy's logic (kept-copy.ts) over an in-memory store: versions, choosing, checking and
// keeping. The real PGlite dump and load are in host.test.ts; IndexedDB in e2e/postgres-kept.spec.ts.
import { describe, expect, it } from "vitest";
import { chooseCopy, keepCopy, keyOf, MAX_COPIES, verifyCopy, versionOf, type CopyStore, type DatasetRows, type KeptCopy } from "./kept-copy.ts";
import { memoryStore, testInputs } from "./test-host.ts";

const blob = new Blob(["data"]);

async function copyOf(datasets: DatasetRows, savedAt = 1, inputs = testInputs): Promise<KeptCopy> {
  return { key: keyOf(datasets), version: await versionOf(datasets, inputs), datasets, data: blob, savedAt };
}

describe("a kept copy's version", () => {
  it("changes with the rows, a dataset's seed SQL, PGlite's build and its settings, and not with the order of datasets", async () => {
    const base = await versionOf({ feed_items: 1000 }, testInputs);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(await versionOf({ feed_items: 1000 }, testInputs)).toBe(base);
    expect(await versionOf({ feed_items: 1001 }, testInputs)).not.toBe(base);
    expect(await versionOf({ feed_items: 1000 }, { ...testInputs, engine: "pglite-other.wasm" })).not.toBe(base);
    expect(await versionOf({ feed_items: 1000 }, { ...testInputs, postgresqlconf: ["shared_buffers = 32MB"] })).not.toBe(base);
    expect(await versionOf({ feed_items: 1000 }, { ...testInputs, initdb: [] })).not.toBe(base);
    const changedSeed = { ...testInputs, steps: (d: "feed_items" | "documents", rows: number) => testInputs.steps(d, rows).map((s, i) => (i === 0 ? { ...s, sql: `${s.sql} -- new` } : s)) };
    expect(await versionOf({ feed_items: 1000 }, changedSeed)).not.toBe(base);
    const both = await versionOf({ feed_items: 1000, documents: 500 }, testInputs);
    expect(await versionOf({ documents: 500, feed_items: 1000 }, testInputs)).toBe(both);
    expect(keyOf({ feed_items: 1, documents: 2 })).toBe("documents+feed_items");
  });
});

describe("choosing a copy", () => {
  it("takes the smallest current copy holding every wanted dataset at its size", async () => {
    const store = memoryStore();
    await store.put(await copyOf({ feed_items: 1000, documents: 500 }));
    await store.put(await copyOf({ feed_items: 1000 }));
    expect((await chooseCopy(store, { feed_items: 1000 }, testInputs))?.key).toBe("feed_items");
    expect((await chooseCopy(store, { documents: 500 }, testInputs))?.key).toBe("documents+feed_items");
    expect(await chooseCopy(store, { documents: 400 }, testInputs)).toBeNull();
  });

  it("deletes copies of another version (a new deployment) and answers none", async () => {
    const store = memoryStore();
    await store.put(await copyOf({ feed_items: 1000 }, 1, { ...testInputs, engine: "pglite-old.wasm" }));
    expect(await chooseCopy(store, { feed_items: 1000 }, testInputs)).toBeNull();
    expect(store.copies.size).toBe(0);
  });

  it("answers none when the store refuses", async () => {
    const refusing: CopyStore = {
      list: () => Promise.reject(new DOMException("denied", "SecurityError")),
      put: () => Promise.reject(new Error("no")),
      delete: () => Promise.reject(new Error("no")),
    };
    expect(await chooseCopy(refusing, { feed_items: 1000 }, testInputs)).toBeNull();
    expect(await keepCopy(refusing, await copyOf({ feed_items: 1000 }), testInputs)).toBe(false);
  });
});

describe("checking a loaded copy", () => {
  const copy = { version: "v1", datasets: { feed_items: 3 } };
  const answering = (tables: Record<string, Record<string, unknown>[]>) => async (sql: string) => {
    const table = Object.keys(tables).find((name) => sql.includes(name));
    if (!table) throw new Error(`relation does not exist: ${sql}`);
    return tables[table];
  };

  it("passes when the marker names its version and datasets and each table holds its rows", async () => {
    expect(await verifyCopy(answering({ "playground_kept.copy": [{ version: "v1", datasets: { feed_items: 3 } }], feed_items: [{ n: 3 }] }), copy)).toBe(true);
  });

  it("fails on a missing marker, another version, a short table or an error", async () => {
    expect(await verifyCopy(answering({ feed_items: [{ n: 3 }] }), copy)).toBe(false);
    expect(await verifyCopy(answering({ "playground_kept.copy": [{ version: "v0", datasets: { feed_items: 3 } }], feed_items: [{ n: 3 }] }), copy)).toBe(false);
    expect(await verifyCopy(answering({ "playground_kept.copy": [{ version: "v1", datasets: { feed_items: 3 } }], feed_items: [{ n: 2 }] }), copy)).toBe(false);
    expect(await verifyCopy(answering({ "playground_kept.copy": [{ version: "v1", datasets: { feed_items: 3 } }] }), copy)).toBe(false);
  });
});

describe("keeping a copy", () => {
  it("replaces the copy of the same datasets, deletes stale ones and keeps at most MAX_COPIES", async () => {
    const store = memoryStore();
    await store.put(await copyOf({ feed_items: 1000 }, 1, { ...testInputs, engine: "pglite-old.wasm" }));
    expect(await keepCopy(store, await copyOf({ feed_items: 1000 }, 2), testInputs)).toBe(true);
    expect([...store.copies.values()].map((c) => c.savedAt)).toEqual([2]);

    await keepCopy(store, await copyOf({ documents: 100 }, 3), testInputs);
    await keepCopy(store, await copyOf({ documents: 200 }, 4), testInputs);
    expect([...store.copies.values()].map((c) => [c.key, c.savedAt])).toEqual([["feed_items", 2], ["documents", 4]]);
    await keepCopy(store, await copyOf({ documents: 200, feed_items: 1000 }, 5), testInputs);
    expect(store.copies.size).toBe(MAX_COPIES);
  });
});
