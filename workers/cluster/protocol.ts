// The messages between the coordinator (in the sandbox: clients, load balancer, broker) and one
// worker of the cluster (the learner's app). The same shapes travel in one thread (Node tests)
// and between real Web Workers (the browser), where every message a worker sends is read through
// a validator before the coordinator acts on it: learner code runs in the worker.
//
// `conn` numbers a WebSocket connection (it is the client's number); `link` numbers a worker's
// connection to the broker (one per broker client the app created); `id` numbers a broker command.

export interface NodeConfig {
  /** The worker's number (1 … N). */
  worker: number;
  /** The export of the learner's module to serve (uvicorn's `main:app`): default "app". */
  exportName: string;
  /** How often the server pings each connection, or null for never (uvicorn's ws_ping_interval). */
  pingIntervalMs: number | null;
  /** How long a ping may wait for its pong before the connection is dropped (ws_ping_timeout). */
  pingTimeoutMs: number;
}

/** Coordinator → worker. */
export type ToNode =
  /** Evaluate the learner's (transpiled) module in this worker and serve `config.exportName`. */
  | { type: "load"; code: string; config: NodeConfig }
  /** A client opened a WebSocket to `path` (query without "?"). */
  | { type: "open"; conn: number; path: string; query: string; headers: [string, string][] }
  /** A data frame from the client. */
  | { type: "frame"; conn: number; text?: string; bytes?: Uint8Array }
  /** The client sent a close frame. */
  | { type: "close"; conn: number; code: number; reason: string }
  /** Pongs: the connections among a ping's that are still there. */
  | { type: "pong"; conns: number[] }
  /** The answer to a broker command. */
  | { type: "broker-reply"; id: number; ok: true; reply: unknown }
  | { type: "broker-reply"; id: number; ok: false; error: string }
  /** A pushed frame (pub/sub message) for one of this worker's broker links. */
  | { type: "broker-push"; link: number; frame: string[] }
  /** Evaluate the learner's module to call its functions (measureWorkers in playground/tasks), not to serve. */
  | { type: "load-jobs"; code: string; worker: number }
  /** Call the module's export `exportName` with `args` and answer `job-done`. */
  | { type: "job"; id: number; exportName: string; args: JobValue[] };

/** What a job takes and returns: JSON's values without objects (numbers, strings, booleans, null, arrays of them). */
export type JobValue = number | string | boolean | null | JobValue[];

/** Worker → coordinator. */
export type FromNode =
  | { type: "loaded" }
  /** The learner's module threw while loading, or has no such export. */
  | { type: "load-failed"; message: string; line?: number; column?: number }
  | { type: "accept"; conn: number }
  | { type: "frame"; conn: number; text?: string; bytes?: Uint8Array }
  /**
   * The app closed the connection (before accepting: the handshake is refused with 403), or its
   * handler ended (after accepting: 1000 when it returned, 1011 when it raised; before: `status`
   * 500, uvicorn's answer to an app that raised or returned without a handshake).
   */
  | { type: "close"; conn: number; code: number; reason: string; status?: 500 }
  /** The connection was dropped without a close handshake (the heartbeat found it gone). */
  | { type: "dropped"; conn: number; why: "ping timeout" }
  /** Pings for these connections. */
  | { type: "ping"; conns: number[] }
  | { type: "broker-open"; link: number }
  | { type: "broker-command"; link: number; id: number; argv: string[] }
  | { type: "broker-close"; link: number }
  | { type: "console"; level: "log" | "info" | "warn" | "error"; text: string }
  /** A job's outcome; `ms` is how long the call took, timed inside the worker. */
  | { type: "job-done"; id: number; ok: true; value: JobValue; ms: number }
  | { type: "job-done"; id: number; ok: false; error: string };
