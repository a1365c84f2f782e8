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
import "./worker-scope.ts";
import { PGlite } from "@electric-sql/pglite";
import pgliteWasmUrl from "@electric-sql/pglite/pglite.wasm?url";
import initdbWasmUrl from "@electric-sql/pglite/initdb.wasm?url";
import pgliteDataUrl from "@electric-sql/pglite/pglite.data?url";
import { serveHost, type Endpoint, type StartProgress } from "./api.ts";
import { PostgresEngine } from "./engine.ts";
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
  // initdb and starting Postgres report nothing until they are done (the page weighs this part).
  onProgress({ phase: "boot", label: "Starting Postgres", done: 0, total: 1 });
  return loaded;
}

serveHost(self as unknown as Endpoint, {
  now: () => performance.now(),
  boot: async (onProgress) => {
    const [pgliteWasmModule, initdbWasmModule, fsBundle] = (await download(
      [
        { url: pgliteWasmUrl, wasm: true },
        { url: initdbWasmUrl, wasm: true },
        { url: pgliteDataUrl, wasm: false },
      ],
      onProgress,
    )) as [
      WebAssembly.Module,
      WebAssembly.Module,
      Blob,
    ];
    const db = new PGlite({ ...pgliteOptions(), pgliteWasmModule, initdbWasmModule, fsBundle });
    await db.waitReady;
    const engine = new PostgresEngine(db, { now: () => performance.now() });
    await engine.status(); // loads auto_explain and looks for pg_trgm now, not in the first run
    onProgress({ phase: "boot", label: "Postgres is ready", done: 1, total: 1 });
    return engine;
  },
});
