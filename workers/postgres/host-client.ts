// The page's side of the worker's main scope (protocol.ts): each call is one request, answered
// once, with the progress of start / seed / reset on the way. The Worker itself (or a port, in
// tests) is the endpoint; nothing else of the worker is reachable from here.
import type { Endpoint } from "./api.ts";
import type { DatasetName } from "./dataset-names.ts";
import type { EngineStatus, SeedProgress } from "./engine.ts";
import { PostgresError } from "./errors.ts";
import type { EndRunReport, ErrorFields, HostRequest, HostResponse, KeepReport, StartProgress, StartReport } from "./protocol.ts";

export interface PostgresHostClient {
  /** Answers at once unless a statement holds the worker (the host's watchdog pings it: host.ts). */
  ping(): Promise<void>;
  /** Fetches and compiles PGlite's files, without starting it (to be ready sooner when it is). */
  prepare(onProgress?: (progress: StartProgress) => void): Promise<void>;
  /**
   * Starts Postgres if it is not running yet (every other call does too), from a kept copy
   * holding `datasets` if there is one.
   */
  start(datasets: readonly DatasetName[], onProgress?: (progress: StartProgress) => void): Promise<StartReport>;
  /** Keeps the seeded datasets for the next boot (ends an open run). */
  keep(): Promise<KeepReport>;
  seed(dataset: DatasetName, onProgress?: (progress: SeedProgress) => void): Promise<void>;
  /** Rebuilds every dataset seeded so far ("Reset database"). */
  reset(onProgress?: (progress: SeedProgress) => void): Promise<void>;
  status(): Promise<EngineStatus>;
  /** Opens a run with the lesson's statement timeout (at least 1 ms) and answers its id. */
  beginRun(statementTimeoutMs: number): Promise<number>;
  /** Rolls the run back and resets the session; a run already ended is left alone. */
  endRun(run: number): Promise<EndRunReport>;
  /** Hands `port` (transferred) to the worker to serve the run's statements until it ends. */
  connect(run: number, port: MessagePort): Promise<void>;
}

type Request = HostRequest extends infer R ? (R extends HostRequest ? Omit<R, "id"> : never) : never;

export function connectHost(endpoint: Endpoint): PostgresHostClient {
  let nextId = 1;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void; onProgress?: (progress: never) => void }>();

  endpoint.addEventListener("message", (event: MessageEvent) => {
    const message = event.data as HostResponse;
    const call = pending.get(message?.id);
    if (!call) return;
    if ("progress" in message) {
      call.onProgress?.(message.progress as never);
      return;
    }
    pending.delete(message.id);
    if (message.ok) call.resolve(message.result);
    else call.reject(toError(message.error));
  });
  endpoint.start?.();

  function send<T>(request: Request, options: { transfer?: Transferable[]; onProgress?: (progress: never) => void } = {}): Promise<T> {
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject, onProgress: options.onProgress });
      endpoint.postMessage({ ...request, id }, options.transfer ?? []);
    });
  }

  return {
    ping: () => send({ op: "ping" }),
    prepare: (onProgress) => send({ op: "prepare" }, { onProgress }),
    start: (datasets, onProgress) => send({ op: "start", datasets: [...datasets] }, { onProgress }),
    keep: () => send({ op: "keep" }),
    seed: (dataset, onProgress) => send({ op: "seed", dataset }, { onProgress }),
    reset: (onProgress) => send({ op: "reset" }, { onProgress }),
    status: () => send({ op: "status" }),
    beginRun: (statementTimeoutMs) => send<{ run: number }>({ op: "beginRun", statementTimeoutMs }).then((r) => r.run),
    endRun: (run) => send({ op: "endRun", run }),
    connect: (run, port) => send({ op: "connect", run, port }, { transfer: [port] }),
  };
}

function toError(fields: ErrorFields): Error {
  if (fields.code) return new PostgresError(fields);
  const error = new Error(fields.message);
  error.name = fields.name;
  return error;
}
