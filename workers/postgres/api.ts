// What the Postgres worker exposes with comlink, built over an engine so Node tests can drive it
// through a real MessageChannel. Two faces:
//  - PostgresWorkerApi, for the main thread: start (with progress), seed, reset, status, trace
//    subscription, the learner calls, and connect(port) to hand a channel to a sandbox;
//  - PostgresPortApi, on each connected port: the learner calls only, answering in plain data
//    ({ ok, result | error, event }) so a Postgres error keeps its code and position and the
//    caller gets the trace event of every statement, failed ones included.
import * as Comlink from "comlink";
import type { DatasetName } from "./datasets.ts";
import type { EngineStatus, Outcome, PostgresEngine, QueryResult, RunOptions, RunReport, SeedOptions, SeedProgress } from "./engine.ts";
import { PostgresError, type PostgresErrorFields } from "./errors.ts";
import type { PostgresQueryTrace, PostgresTrace } from "./trace.ts";

/** One learner statement's answer over a port. */
export type StatementReply<T> =
  | { ok: true; result: T; event: PostgresQueryTrace }
  | { ok: false; error: PostgresErrorFields; event: PostgresQueryTrace };

export interface PostgresPortApi {
  query(text: string, values?: unknown[]): Promise<StatementReply<QueryResult>>;
  explain(text: string, values?: unknown[]): Promise<StatementReply<unknown>>;
  beginRun(options?: RunOptions): Promise<void>;
  endRun(): Promise<RunReport>;
}

export interface StartProgress {
  label: string;
  /** Bytes downloaded so far and in all (PGlite's .wasm and data files), then the boot. */
  done: number;
  total: number;
}

export interface StartReport {
  /** From the first start() call until Postgres answered, in milliseconds. */
  coldStartMs: number;
}

export interface PostgresWorkerApi {
  /** Answers at once unless a statement holds the worker (the page's watchdog pings it). */
  ping(): Promise<void>;
  /** Starts Postgres if it is not running yet (every other call does too). */
  start(onProgress?: (progress: StartProgress) => void): Promise<StartReport>;
  seed(dataset: DatasetName, options?: Omit<SeedOptions, "onProgress">, onProgress?: (progress: SeedProgress) => void): Promise<void>;
  reset(onProgress?: (progress: SeedProgress) => void): Promise<void>;
  status(): Promise<EngineStatus>;
  /** Trace events in batches (about one per animation frame), until the returned id is dropped. */
  onTrace(listener: (batch: PostgresTrace[]) => void): number;
  offTrace(id: number): void;
  query(text: string, values?: unknown[]): Promise<QueryResult>;
  explain(text: string, values?: unknown[]): Promise<unknown>;
  beginRun(options?: RunOptions): Promise<void>;
  endRun(): Promise<RunReport>;
  /** Serves PostgresPortApi on `port` (transfer it with Comlink.transfer). */
  connect(port: MessagePort): void;
}

export interface HostOptions {
  /** Creates the engine (PGlite and all) on first use; reports download and boot progress. */
  boot: (onProgress: (progress: StartProgress) => void) => Promise<PostgresEngine>;
  now: () => number;
  /** Schedules a trace flush; the worker passes a ~16 ms timer, tests run it at once. */
  schedule: (flush: () => void) => void;
}

/** Hooks the engine's trace into a host: createHost's result feeds it to onTrace listeners. */
export function createHost(options: HostOptions): { api: PostgresWorkerApi; trace: (event: PostgresTrace) => void } {
  let booting: Promise<PostgresEngine> | null = null;
  let startedAt = 0;
  let coldStartMs = 0;
  const progressListeners: ((progress: StartProgress) => void)[] = [];
  const listeners = new Map<number, (batch: PostgresTrace[]) => void>();
  let nextListener = 1;
  let pending: PostgresTrace[] = [];
  let scheduled = false;

  const engine = (onProgress?: (progress: StartProgress) => void): Promise<PostgresEngine> => {
    if (onProgress) progressListeners.push(onProgress);
    if (!booting) {
      startedAt = options.now();
      booting = options.boot((progress) => progressListeners.forEach((listener) => listener(progress))).then((e) => {
        coldStartMs = options.now() - startedAt;
        progressListeners.length = 0;
        return e;
      });
      booting.catch(() => (booting = null)); // a failed start may be tried again
    }
    return booting;
  };

  const flush = () => {
    scheduled = false;
    const batch = pending;
    pending = [];
    if (batch.length) for (const listener of listeners.values()) listener(batch);
  };

  const trace = (event: PostgresTrace) => {
    if (listeners.size === 0) return;
    pending.push(event);
    if (!scheduled) {
      scheduled = true;
      options.schedule(flush);
    }
  };

  const portApi: PostgresPortApi = {
    query: async (text, values) => reply((await engine()).tracedQuery(text, values)),
    explain: async (text, values) => reply((await engine()).tracedExplain(text, values)),
    beginRun: async (runOptions) => void (await (await engine()).beginRun(runOptions)),
    endRun: async () => (await engine()).endRun(),
  };

  const api: PostgresWorkerApi = {
    ping: async () => {},
    start: async (onProgress) => {
      await engine(onProgress);
      return { coldStartMs };
    },
    seed: async (dataset, seedOptions, onProgress) => (await engine()).seed(dataset, { ...seedOptions, onProgress }),
    reset: async (onProgress) => (await engine()).reset({ onProgress }),
    status: async () => (await engine()).status(),
    onTrace: (listener) => {
      listeners.set(nextListener, listener);
      return nextListener++;
    },
    offTrace: (id) => void listeners.delete(id),
    query: async (text, values) => (await engine()).query(text, values),
    explain: async (text, values) => (await engine()).explain(text, values),
    beginRun: async (runOptions) => void (await (await engine()).beginRun(runOptions)),
    endRun: async () => (await engine()).endRun(),
    connect: (port) => Comlink.expose(portApi, port),
  };
  return { api, trace };
}

/** A statement's outcome as plain data: the error as its fields. */
async function reply<T>(outcome: Promise<Outcome<T>>): Promise<StatementReply<T>> {
  const o = await outcome;
  if (o.ok) return o;
  const error: PostgresErrorFields =
    o.error instanceof PostgresError ? o.error.toJSON() : { name: "Error", message: o.error instanceof Error ? o.error.message : String(o.error) };
  return { ok: false, error, event: o.event };
}

/**
 * Comlink sends a thrown Error as message, name and stack only; this keeps a PostgresError's
 * fields too (the receiving comlink copies them onto the Error it throws), for the main thread's
 * direct query/explain calls.
 */
export function keepErrorFieldsAcrossComlink(): void {
  const original = Comlink.transferHandlers.get("throw") as Comlink.TransferHandler<{ value: unknown }, unknown>;
  Comlink.transferHandlers.set("throw", {
    canHandle: original.canHandle,
    serialize: (thrown: { value: unknown }) => {
      if (thrown.value instanceof PostgresError) {
        return [{ isError: true, value: { ...thrown.value.toJSON(), stack: thrown.value.stack } }, []];
      }
      return original.serialize(thrown);
    },
    deserialize: original.deserialize,
  } as Comlink.TransferHandler<{ value: unknown }, unknown>);
}
