// The worker's use of kept copies (kept-copy.ts): boot from the copy that holds a lesson's
// datasets when there is a good one, else boot empty (and seed, as before); keep the seeded data
// once it is in. Plain TypeScript over a store and a way to make a PGlite, so Node tests run it
// with a real PGlite and a Map for a store.
import type { DatasetName } from "./dataset-names.ts";
import { PostgresEngine, type DumpCompression, type EngineDatabase, type EngineOptions } from "./engine.ts";
import { chooseCopy, keepCopy, keyOf, verifyCopy, versionOf, writeMarkerSql, type CopyStore, type DatasetRows, type VersionInputs } from "./kept-copy.ts";

/**
 * Uncompressed: gzip made feed_items' copy 34 MB instead of 196 MB, but unpacking it with
 * DecompressionStream took 7 s of a 14 s warm boot in Chromium on a busy machine (loading the
 * 196 MB tar took 4.4 s), and its dump twice as long (docs/architecture.md).
 */
export const COMPRESSION: DumpCompression = "none";

export interface KeeperOptions {
  store: CopyStore;
  inputs: VersionInputs;
  /** Rows each dataset is seeded with. */
  rows: (dataset: DatasetName) => number;
  /** A started PGlite, loaded from a dumped data directory if given. */
  create: (data?: Blob) => Promise<EngineDatabase & { close(): Promise<void> }>;
  engine: EngineOptions;
  /** A kept copy of this many bytes is being loaded (for the progress bar). */
  onLoading?: (bytes: number) => void;
}

export interface Booted {
  engine: PostgresEngine;
  /** The datasets loaded from a kept copy (none when booted empty). */
  loaded: DatasetName[];
}

/**
 * Boots PGlite for a lesson needing `wanted`: from the smallest current copy holding them, checked
 * by its marker and row counts; a copy that fails to load or check is deleted and Postgres booted
 * empty, as is one when there is no copy or the store refuses.
 */
export async function bootFromCopy(wanted: readonly DatasetName[], options: KeeperOptions): Promise<Booted> {
  const rows: DatasetRows = Object.fromEntries(wanted.map((d) => [d, options.rows(d)]));
  const copy = wanted.length > 0 ? await chooseCopy(options.store, rows, options.inputs) : null;
  if (copy) {
    options.onLoading?.(copy.data.size);
    let db: Awaited<ReturnType<KeeperOptions["create"]>> | null = null;
    try {
      db = await options.create(await wholeTar(copy.data));
      const loaded = db;
      if (await verifyCopy(async (sql) => (await loaded.query<Record<string, unknown>>(sql)).rows, copy)) {
        const engine = new PostgresEngine(db, options.engine);
        engine.adopt(copy.datasets);
        return { engine, loaded: Object.keys(copy.datasets) as DatasetName[] };
      }
    } catch {
      // A corrupt or partial copy: deleted below, and seeded again.
    }
    await db?.close().catch(() => {});
    await options.store.delete(copy.key).catch(() => {});
  }
  return { engine: new PostgresEngine(await options.create(), options.engine), loaded: [] };
}

/** Keeps the engine's seeded datasets as a copy; answers whether it was kept (storage may refuse). */
export async function keepSeeded(engine: PostgresEngine, options: Pick<KeeperOptions, "store" | "inputs">, now = Date.now): Promise<boolean> {
  let datasets: DatasetRows = {};
  let version = "";
  const data = await engine.snapshot(async (seeded) => {
    datasets = seeded;
    version = await versionOf(seeded, options.inputs);
    return writeMarkerSql(version, seeded);
  }, COMPRESSION);
  if (!data) return false;
  return keepCopy(options.store, { key: keyOf(datasets), version, datasets, data, savedAt: now() }, options.inputs);
}

/**
 * A kept copy's tar, checked to be whole before PGlite reads it: a tar starts with a ustar header
 * and ends with two zero blocks, in 512-byte blocks. A partial copy fails here, as an error to
 * catch (PGlite would take a tar it cannot read for a gzip, and its gunzip leaves an unhandled
 * rejection behind); what passes is checked again after loading (verifyCopy).
 */
async function wholeTar(data: Blob): Promise<Blob> {
  const magic = new TextDecoder().decode(await data.slice(257, 262).arrayBuffer());
  const end = new Uint8Array(await data.slice(-1024).arrayBuffer());
  if (data.size < 2048 || data.size % 512 !== 0 || magic !== "ustar" || end.some((b) => b !== 0)) throw new Error("Not a whole tar");
  return data;
}
