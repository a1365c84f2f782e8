// The Postgres worker (docs/architecture.md, "The parts"): PGlite and the engine in their own Web
// Worker, speaking the narrow protocols of protocol.ts (served by api.ts) to the page on its main
// scope and to each run's sandbox on a port — never comlink, which would answer any path ("The
// boundary"). It outlives sandbox runs, so a stopped run never loses the seeded database. Thin on
// purpose: the logic is in engine.ts and api.ts.
//
// Everything comes from the site itself: PGlite's .wasm and data files are imported with ?url, so
// Vite emits them as assets of the build and serves them in dev, and they are fetched here and
// handed to PGlite compiled (pgliteWasmModule, initdbWasmModule, fsBundle) rather than left to
// PGlite's own lookup next to its script. The contrib extensions (auto_explain, pg_trgm) find
// their .tar.gz bundles with `new URL(…, import.meta.url)`, which Vite rewrites to assets too.
// worker-scope.ts, imported first, takes from this scope what a worker hosting learner-driven SQL
// does not need (fetch beyond the site's own files, XHR, WebSocket, Worker, importScripts); the
// narrow protocol (protocol.ts) is the boundary, this is defence in depth.
//
// A seeded database is kept in this worker's IndexedDB (keeper.ts, kept-copy.ts) and the next
// boot loads it instead of seeding again; learner code never runs here, so never reaches it.
import "./worker-scope.ts";
import { PGlite } from "@electric-sql/pglite";
import pgliteWasmUrl from "@electric-sql/pglite/pglite.wasm?url";
import initdbWasmUrl from "@electric-sql/pglite/initdb.wasm?url";
import pgliteDataUrl from "@electric-sql/pglite/pglite.data?url";
import { serveHost, type Endpoint, type StartProgress } from "./api.ts";
import { DEFAULT_ROWS, seedSteps, type DatasetName } from "./datasets.ts";
import { giveFilesRoom, growFilesGenerously } from "./file-room.ts";
import { bootFromCopy, keepSeeded } from "./keeper.ts";
import { indexedDbStore } from "./kept-store.ts";
import { pgliteOptions } from "./pglite-options.ts";

/**
 * Fetches the files, counting bytes as they arrive for the progress bar; .wasm files are
 * compiled while they download (compileStreaming on one branch of the body, counting on the other).
 */
async function download(files: { url: string; wasm: boolean }[], onProgress: (progress: StartProgress) => void): Promise<(WebAssembly.Module | Blob)[]> {
  const responses = await Promise.all(
    files.map(async ({ url }) => {
      const response = await fetch(url);
      if (!response.ok || !response.body) throw new Error(`Could not load ${url}: HTTP ${response.status}`);
      return response;
    }),
  );
  const bytes = responses.reduce((sum, r) => sum + Number(r.headers.get("content-length") ?? 0), 0);
  let done = 0;
  const count = async (body: ReadableStream<Uint8Array>, keep: Uint8Array[] | null) => {
    const reader = body.getReader();
    for (;;) {
      const { done: finished, value } = await reader.read();
      if (finished) return;
      keep?.push(value);
      done += value.byteLength;
      onProgress({ phase: "download", label: "Downloading Postgres", done: Math.min(done, bytes), total: bytes });
    }
  };
  const loaded = await Promise.all(
    responses.map(async (response, i) => {
      const body = response.body as ReadableStream<Uint8Array>;
      if (files[i].wasm) {
        const [counted, compiled] = body.tee();
        const wasm = new Response(compiled, { headers: { "content-type": "application/wasm" } });
        const [module] = await Promise.all([WebAssembly.compileStreaming(wasm), count(counted, null)]);
        return module;
      }
      const chunks: Uint8Array[] = [];
      await count(body, chunks);
      return new Blob(chunks as Uint8Array<ArrayBuffer>[]);
    }),
  );
  return loaded;
}

const files = [
  { url: pgliteWasmUrl, wasm: true },
  { url: initdbWasmUrl, wasm: true },
  { url: pgliteDataUrl, wasm: false },
];

/** The files, once: fetched ahead by "prepare" (the home page, a pointer over a lesson's link) or by the boot. */
let downloaded: Promise<[WebAssembly.Module, WebAssembly.Module, Blob]> | null = null;
const listeners = new Set<(progress: StartProgress) => void>();

function prepare(onProgress: (progress: StartProgress) => void): Promise<[WebAssembly.Module, WebAssembly.Module, Blob]> {
  listeners.add(onProgress);
  downloaded ??= download(files, (p) => listeners.forEach((listener) => listener(p))) as Promise<[WebAssembly.Module, WebAssembly.Module, Blob]>;
  downloaded.catch(() => (downloaded = null));
  return downloaded.finally(() => listeners.delete(onProgress));
}

const now = () => performance.now();
const options = pgliteOptions();
const kept = {
  store: indexedDbStore,
  // The .wasm file's URL carries its content hash: a new PGlite build is a new version.
  inputs: { engine: pgliteWasmUrl, postgresqlconf: [options.postgresqlconf ?? []].flat(), initdb: options.initDbStartParams ?? [], steps: (d: DatasetName, rows: number) => seedSteps(d, rows, { trigram: true }) },
};

serveHost(self as unknown as Endpoint, {
  now,
  prepare: async (onProgress) => void (await prepare(onProgress)),
  boot: async (datasets, onProgress) => {
    const [pgliteWasmModule, initdbWasmModule, fsBundle] = await prepare(onProgress);
    let made = null as PGlite | null; // set by create, which bootFromCopy calls
    // initdb and starting Postgres report nothing until they are done (the page weighs this part).
    onProgress({ phase: "boot", label: "Starting Postgres", done: 0, total: 1 });
    const { engine, loaded } = await bootFromCopy(datasets, {
      ...kept,
      rows: (d) => DEFAULT_ROWS[d],
      engine: { now },
      onLoading: (bytes) => onProgress({ phase: "load", label: "Loading the saved database", done: 0, total: bytes }),
      create: async (loadDataDir) => {
        const db = new PGlite({ ...options, pgliteWasmModule, initdbWasmModule, fsBundle, loadDataDir });
        await db.waitReady;
        // A fresh cluster is about to be seeded: its files grow by half at a time (file-room.ts).
        // A loaded copy keeps MEMFS's eighth, so its spare room stays small.
        if (!loadDataDir) growFilesGenerously(db.Module);
        made = db;
        return db;
      },
    });
    await engine.status(); // loads auto_explain and looks for pg_trgm now, not in the first run
    // A loaded copy's big files get room to grow while the learner reads (file-room.ts); not
    // awaited, so "ready" comes first, and a run asked for meanwhile waits for it.
    const db = made;
    if (loaded.length > 0 && db) void engine.exclusive(() => giveFilesRoom(db.Module)).catch(() => {});
    onProgress({ phase: "boot", label: "Postgres is ready", done: 1, total: 1 });
    return { engine, loaded };
  },
  keep: (engine) => keepSeeded(engine, kept),
});
