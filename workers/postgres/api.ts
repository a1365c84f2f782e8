// The Postgres worker's side of its two protocols (protocol.ts), built over an engine so Node
// tests can drive it through real MessageChannels:
//  - serveHost: the worker's main scope, for the page (start, seed, reset, status, runs, connect);
//  - serveRun: a run's port, for the sandbox: the learner's query / explain, in that run only.
import type { DatasetName } from "./dataset-names.ts";
import type { Outcome, PostgresEngine, SeedProgress } from "./engine.ts";
import type { Booted } from "./keeper.ts";
import {
  readHostRequest,
  readStatementRequest,
  toErrorFields,
  type EndRunReport,
  type KeepReport,
  type HostRequest,
  type HostResponse,
  type StartProgress,
  type StartReport,
  type StatementReply,
  type StatementResponse,
} from "./protocol.ts";

export type { StartProgress, StartReport, StatementReply } from "./protocol.ts";

/** What a Worker's scope and a MessagePort have in common, as far as the protocols need. */
export interface Endpoint {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: "message", listener: (event: MessageEvent) => void): void;
  removeEventListener(type: "message", listener: (event: MessageEvent) => void): void;
  start?(): void;
}

export interface HostOptions {
  /**
   * Creates the engine (PGlite and all) on first use, from a kept copy holding `datasets` when
   * there is one (keeper.ts); reports download and boot progress.
   */
  boot: (datasets: readonly DatasetName[], onProgress: (progress: StartProgress) => void) => Promise<Booted>;
  /** Fetches and compiles PGlite's files ahead of the boot, which then finds them ready. */
  prepare?: (onProgress: (progress: StartProgress) => void) => Promise<void>;
  /** Keeps the seeded datasets for the next boot (keeper.ts); answers whether they were kept. */
  keep?: (engine: PostgresEngine) => Promise<boolean>;
  now: () => number;
  /** Rows to seed per dataset (DEFAULT_ROWS when left out); Node tests seed smaller. Not the page's to choose. */
  rows?: Partial<Record<DatasetName, number>>;
}

/**
 * Answers the page's requests on `scope` (the worker's own global scope; a port in tests). The
 * page is the only one holding the Worker, so these are the operations it needs and no more.
 */
export function serveHost(scope: Endpoint, options: HostOptions): void {
  let booting: Promise<PostgresEngine> | null = null;
  let startedAt = 0;
  let coldStartMs = 0;
  let loaded: DatasetName[] = [];
  const progressListeners: ((progress: StartProgress) => void)[] = [];
  /** Ports handed to runs, closed as soon as their run is no longer live. */
  const served: { run: number; port: MessagePort; stop: () => void }[] = [];

  const engine = (onProgress?: (progress: StartProgress) => void, datasets: readonly DatasetName[] = []): Promise<PostgresEngine> => {
    if (onProgress) progressListeners.push(onProgress);
    if (!booting) {
      startedAt = options.now();
      booting = options.boot(datasets, (progress) => progressListeners.forEach((listener) => listener(progress))).then((booted) => {
        coldStartMs = options.now() - startedAt;
        loaded = booted.loaded;
        progressListeners.length = 0;
        return booted.engine;
      });
      booting.catch(() => {
        booting = null; // a failed start may be tried again
        progressListeners.length = 0;
      });
    }
    return booting;
  };

  const closeEndedPorts = (e: PostgresEngine) => {
    for (let i = served.length - 1; i >= 0; i--) {
      if (e.isLive(served[i].run)) continue;
      served[i].stop();
      served.splice(i, 1);
    }
  };

  const handle = async (request: HostRequest): Promise<unknown> => {
    const progress = (p: StartProgress | SeedProgress) => scope.postMessage({ id: request.id, progress: p } satisfies HostResponse);
    switch (request.op) {
      case "ping":
        return null;
      case "prepare":
        await options.prepare?.((p) => progress(p));
        return null;
      case "start": {
        await engine((p) => progress(p), request.datasets);
        return { coldStartMs, loaded } satisfies StartReport;
      }
      case "keep": {
        const e = await engine();
        const kept = options.keep ? await options.keep(e).catch(() => false) : false;
        closeEndedPorts(e); // keeping ends the open run
        return { kept } satisfies KeepReport;
      }
      case "status":
        return (await engine()).status();
      case "seed": {
        const e = await engine();
        const seeded = e.seed(request.dataset, { rows: options.rows?.[request.dataset], onProgress: (p) => progress(p) });
        closeEndedPorts(e); // seeding ends the open run
        await seeded;
        return null;
      }
      case "reset": {
        const e = await engine();
        const reset = e.reset({ onProgress: (p) => progress(p) });
        closeEndedPorts(e);
        await reset;
        return null;
      }
      case "beginRun": {
        const e = await engine();
        const begun = e.beginRun({ statementTimeoutMs: request.statementTimeoutMs });
        closeEndedPorts(e); // the run before it, if still open, is ended
        return { run: await begun };
      }
      case "endRun": {
        const e = await engine();
        const ended = e.endRun(request.run);
        closeEndedPorts(e);
        const report = await ended;
        return { escaped: report.escaped } satisfies EndRunReport;
      }
      case "connect": {
        const e = await engine();
        if (!e.isLive(request.run)) {
          request.port.close();
          throw new Error(`Run ${request.run} has ended: its port was closed.`);
        }
        served.push({ run: request.run, port: request.port, stop: serveRun(e, request.run, request.port) });
        return null;
      }
    }
  };

  const listener = (event: MessageEvent) => {
    const read = readHostRequest(event.data);
    // A message port that came with a refused message is not kept open.
    for (const port of event.ports ?? []) if (!read.ok || read.message.op !== "connect") port.close();
    if (!read.ok) {
      if (read.id !== null) scope.postMessage({ id: read.id, ok: false, error: { name: "Error", message: `Refused: ${read.reason}` } } satisfies HostResponse);
      return;
    }
    const { id } = read.message;
    handle(read.message).then(
      (result) => scope.postMessage({ id, ok: true, result } satisfies HostResponse),
      (error: unknown) => scope.postMessage({ id, ok: false, error: toErrorFields(error) } satisfies HostResponse),
    );
  };
  scope.addEventListener("message", listener);
  scope.start?.();
}

/**
 * Serves a run's port: query and explain, run in `run` only (the engine refuses them once the
 * run is no longer live). Returns the function that closes the port; after it, nothing sent on
 * the port is read.
 */
export function serveRun(engine: PostgresEngine, run: number, port: MessagePort): () => void {
  let open = true;
  const post = (message: StatementResponse) => {
    if (!open) return;
    try {
      port.postMessage(message);
    } catch (error) {
      // A result postMessage cannot copy: say so instead of leaving the learner waiting.
      port.postMessage({ id: message.id, reply: { ok: false, error: toErrorFields(error) } } satisfies StatementResponse);
    }
  };
  const listener = (event: MessageEvent) => {
    for (const extra of event.ports ?? []) extra.close(); // no request carries a port
    if (!open) return;
    if (!engine.isLive(run)) return stop();
    const read = readStatementRequest(event.data);
    if (!read.ok) {
      if (read.id !== null) post({ id: read.id, reply: { ok: false, error: { name: "Error", message: `Refused: ${read.reason}` } } });
      return;
    }
    const { id, op, text, values } = read.message;
    const outcome = op === "query" ? engine.tracedQuery(text, values, run) : engine.tracedExplain(text, values, run);
    void reply(outcome).then((r) => post({ id, reply: r }));
  };
  function stop(): void {
    if (!open) return;
    open = false;
    port.removeEventListener("message", listener);
    port.close();
  }
  port.addEventListener("message", listener);
  port.start();
  return stop;
}

/** A statement's outcome as plain data: the error as its fields. */
async function reply<T>(outcome: Promise<Outcome<T>>): Promise<StatementReply<T>> {
  const o = await outcome;
  if (o.ok) return o;
  return { ok: false, error: toErrorFields(o.error), event: o.event };
}
