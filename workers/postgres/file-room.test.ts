// A loaded copy's big files get room to grow (file-room.ts): after giveFilesRoom, a write that
// extends the table leaves its file's array in place; without it, MEMFS copies the whole file.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import { PostgresEngine } from "./engine.ts";
import { giveFilesRoom, GROWTH, growFilesGenerously, SMALL_FILE, type MemFsNode } from "./file-room.ts";
import { pgliteOptions } from "./pglite-options.ts";

let dump: Blob;
const opened: PGlite[] = [];

beforeAll(async () => {
  const db = new PGlite(pgliteOptions());
  opened.push(db);
  const engine = new PostgresEngine(db, { now: () => performance.now() });
  await engine.seed("feed_items", { rows: 40_000 });
  dump = (await engine.snapshot(async () => "SELECT 1", "none")) as Blob;
});

afterAll(async () => {
  for (const db of opened) await db.close();
});

async function loaded(): Promise<{ db: PGlite; heap: () => MemFsNode }> {
  const db = new PGlite({ ...pgliteOptions(), loadDataDir: dump });
  opened.push(db);
  await db.waitReady;
  const [{ path }] = (await db.query<{ path: string }>("SELECT pg_relation_filepath('feed_items') AS path")).rows;
  return { db, heap: () => db.Module.FS.lookupPath(`/pglite/data/${path}`).node as MemFsNode };
}

/** Enough rows to need new pages at the end of the table (rolled back, as a run is). */
async function extendTable(db: PGlite): Promise<void> {
  await db.exec("BEGIN");
  await db.exec("INSERT INTO feed_items SELECT g, now(), 'me', 'a new post' FROM generate_series(1000001, 1003000) AS g");
  await db.exec("ROLLBACK");
}

describe("room to grow for a loaded copy's files", () => {
  it("a loaded file's array is exactly its size, and the first extension replaces it (the copy this avoids)", async () => {
    const { db, heap } = await loaded();
    const used = heap().usedBytes as number;
    expect(used).toBeGreaterThan(SMALL_FILE);
    expect(heap().contents?.length).toBe(used);
    const array = heap().contents;
    await extendTable(db);
    expect(heap().usedBytes).toBeGreaterThan(used);
    expect(heap().contents).not.toBe(array);
  });

  it("after giveFilesRoom the big files have spare room, and extending the table keeps the same array", async () => {
    const { db, heap } = await loaded();
    const used = heap().usedBytes as number;
    const { files, bytes } = giveFilesRoom(db.Module);
    expect(files).toBeGreaterThanOrEqual(1);
    expect(bytes).toBeGreaterThanOrEqual(used);
    const array = heap().contents as Uint8Array;
    expect(array.length).toBeGreaterThan(used);
    await extendTable(db);
    expect(heap().usedBytes).toBeGreaterThan(used);
    expect(heap().contents).toBe(array);
    // The data is what it was, and a second call finds nothing left to do.
    expect((await db.query("SELECT count(*)::int AS n, max(id)::int AS top FROM feed_items")).rows).toEqual([{ n: 40_000, top: 40_000 }]);
    expect(giveFilesRoom(db.Module)).toEqual({ files: 0, bytes: 0 });
  });
});

/** Each step by which a growing heap file's array grew, from 1 MB on (new capacity / old). */
async function growthSteps(generous: boolean): Promise<number[]> {
  const db = new PGlite(pgliteOptions());
  opened.push(db);
  await db.waitReady;
  if (generous) growFilesGenerously(db.Module);
  await db.exec("CREATE TABLE grow (id int, pad text)");
  const [{ path }] = (await db.query<{ path: string }>("SELECT pg_relation_filepath('grow') AS path")).rows;
  const heap = db.Module.FS.lookupPath(`/pglite/data/${path}`).node as MemFsNode;
  const { MEMFS } = db.Module as { MEMFS: { expandFileStorage(node: MemFsNode, capacity: number): void } };
  const expand = MEMFS.expandFileStorage;
  const steps: number[] = [];
  MEMFS.expandFileStorage = function (node, capacity) {
    const before = node.contents?.length ?? 0;
    expand.call(this, node, capacity);
    const after = node.contents?.length ?? 0;
    if (node === heap && before >= SMALL_FILE && after !== before) steps.push(after / before);
  };
  for (let batch = 0; batch < 12; batch++) await db.exec(`INSERT INTO grow SELECT g, repeat('x', 200) FROM generate_series(1, 2000) AS g`);
  await db.exec("CHECKPOINT");
  MEMFS.expandFileStorage = expand;
  return steps;
}

describe("generous growth while seeding", () => {
  it("MEMFS on its own grows a big file by an eighth at a time; growFilesGenerously by GROWTH", async () => {
    const plain = await growthSteps(false);
    const generous = await growthSteps(true);
    expect(plain.length).toBeGreaterThan(3);
    for (const step of plain) expect(step).toBeCloseTo(1.125, 2);
    expect(generous.length).toBeGreaterThan(0);
    expect(generous.length).toBeLessThan(plain.length);
    for (const step of generous) expect(step).toBeCloseTo(GROWTH, 2);
  });
});
