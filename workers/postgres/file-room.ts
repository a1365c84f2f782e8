// Room to grow for the files of a loaded copy (kept-copy.ts). PGlite keeps its data directory in
// Emscripten's MEMFS, one typed array per file. Loading a dump writes each file into an array of
// exactly its size, and the first time Postgres extends a relation by a page, MEMFS copies the
// whole file into a larger array: on a loaded feed_items that made a run's first INSERT or UPDATE
// take 0.25–0.5 s in Node and 0.3–2.5 s in a busy browser (once per file; later writes took
// 1–20 ms), enough to push a run past its statement limit. Growing the big files' arrays once,
// right after the copy is loaded and before the learner's first run, moves that copy to a moment
// when the learner is reading; MEMFS then extends in place.
//
// Seeding writes files of tens of megabytes page by page, and MEMFS grows a file over 1 MB by an
// eighth each time it is full: a 90 MB heap is copied about 35 times on its way (some 700 MB of
// copying), and the two index builds likewise. growFilesGenerously makes that step a half (about
// 3 copies of the file's size in all, for at most half its size spare).

/** The parts of Emscripten's FS and MEMFS this needs (PGlite's `Module.FS` and `Module.MEMFS`). */
export interface MemFsAccess {
  FS: {
    readdir(path: string): string[];
    lookupPath(path: string): { node: MemFsNode };
    isDir(mode: number): boolean;
    isFile(mode: number): boolean;
  };
  MEMFS: { expandFileStorage(node: MemFsNode, newCapacity: number): void };
}

export interface MemFsNode {
  mode: number;
  usedBytes?: number;
  contents?: Uint8Array | number[] | null;
}

/** Files under this size grow for little: left to MEMFS. */
export const SMALL_FILE = 1 << 20;

/**
 * Gives every file of at least SMALL_FILE bytes under `dir` spare capacity (MEMFS's own growth
 * step: an eighth more for a large file), where its array holds no spare room yet.
 */
export function giveFilesRoom(mem: MemFsAccess, dir = "/pglite/data"): { files: number; bytes: number } {
  const { FS, MEMFS } = mem;
  let files = 0;
  let bytes = 0;
  const walk = (path: string) => {
    for (const name of FS.readdir(path)) {
      if (name === "." || name === "..") continue;
      const child = `${path}/${name}`;
      const { node } = FS.lookupPath(child);
      if (FS.isDir(node.mode)) walk(child);
      else if (FS.isFile(node.mode)) {
        const used = node.usedBytes ?? 0;
        if (used < SMALL_FILE || !(node.contents instanceof Uint8Array) || node.contents.length > used) continue;
        MEMFS.expandFileStorage(node, used + 1);
        files++;
        bytes += used;
      }
    }
  };
  walk(dir);
  return { files, bytes };
}

/** How much a file of at least SMALL_FILE bytes grows when it is full (MEMFS's own: 1.125). */
export const GROWTH = 1.5;

const generous = new WeakSet<object>();

/**
 * From now on, a file of at least SMALL_FILE bytes that needs more room grows by GROWTH at once.
 * Measured in Node, seeding feed_items' million rows under load (3 runs each): rows 9.0–11.2 s →
 * 3.4–7.1 s, the two index builds 2.6–4.8 s → 2.0–3.7 s. Smaller files keep MEMFS's doubling.
 */
export function growFilesGenerously(mem: Pick<MemFsAccess, "MEMFS">): void {
  const { MEMFS } = mem;
  if (generous.has(MEMFS)) return;
  generous.add(MEMFS);
  const expand = MEMFS.expandFileStorage;
  MEMFS.expandFileStorage = function (node, newCapacity) {
    const capacity = node.contents?.length ?? 0;
    if (capacity >= SMALL_FILE && newCapacity > capacity) newCapacity = Math.max(newCapacity, Math.floor(capacity * GROWTH));
    expand.call(this, node, newCapacity);
  };
}
