// The worker's use of kept copies (kept-copy.ts): boot from the copy that holds a lesson's
// datasets when there is a good one, else boot empty (and seed, as before); keep the seeded data
// once it is in. Plain TypeScript over a store and a way to make a PGlite, so Node tests run it
// with a real PGlite and a Map for a store.
import type { DatasetName } from "./dataset-names.ts";
import { PostgresEngine, type DumpCompression, type EngineDatabase, type EngineOptions } from "./engine.ts";
import { chooseCopy, keepCopy, keyOf, verifyCopy, versionOf, writeMarkerSql, type CopyStore, type DatasetRows, type VersionInputs } from "./kept-copy.ts";

/**
 * gzip makes feed_items' copy 34 MB instead of 196 MB, and loading it is about as fast
 * (DecompressionStream is native: docs/architecture.md has the figures); dumping takes longer,
 * but happens after Postgres is ready.
 */
export const COMPRESSION: DumpCompression = "gzip";

export interface KeeperOptions {
  store: CopyStore;
  inputs: VersionInputs;
  /** Rows each dataset is seeded with. */
  rows: (dataset: DatasetName) => number;
  /** A started PGlite, loaded from a dumped data directory if given. */
  create: (data?: Blob) => Promise<EngineDatabase & { close(): Promise<void> }>;
  engine: EngineOptions;
  /** Bytes of a kept copy read so far, of its size (for the progress bar). */
  onLoading?: (done: number, total: number) => void;
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
    options.onLoading?.(0, copy.data.size);
    let db: Awaited<ReturnType<KeeperOptions["create"]>> | null = null;
    try {
      db = await options.create(await unpack(copy.data, options.onLoading));
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
 * The tar inside a kept copy, unpacked here rather than by PGlite: a corrupt copy fails here, as
 * an error to catch (PGlite's own gunzip leaves an unhandled rejection behind), and the bytes
 * read are counted for the progress bar.
 */
async function unpack(data: Blob, onBytes?: (done: number, total: number) => void): Promise<Blob> {
  if (COMPRESSION === "none") return data;
  let done = 0;
  let said = 0;
  const counting = new TransformStream<Uint8Array, Uint8Array<ArrayBuffer>>({
    transform(chunk, controller) {
      done += chunk.byteLength;
      if (done - said >= 1 << 20 || done === data.size) {
        said = done;
        onBytes?.(done, data.size);
      }
      controller.enqueue(chunk as Uint8Array<ArrayBuffer>); // a Blob's bytes are never shared
    },
  });
  const tar = data.stream().pipeThrough(counting).pipeThrough(new DecompressionStream("gzip"));
  return new Blob([await new Response(tar).arrayBuffer()], { type: "application/x-tar" });
}
