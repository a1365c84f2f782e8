// What `import … from "playground/cluster"` gives lesson code: its types, for the editor and the
// typecheck. The values come from playground.ts (the lesson's main code) and node-modules.ts (inside
// a worker). A cluster is Gunicorn with Uvicorn workers: N copies of the learner's module, each
// imported afresh in its own worker and serving its `app` export, behind a load balancer, with
// simulated WebSocket clients and one Redis as the broker the workers share.
import type { ClientOptions, RedisClientType } from "../redis/client/client.ts";

export type { ClientOptions, RedisClientType } from "../redis/client/client.ts";

export interface ClusterOptions {
  /** How many workers (Gunicorn's --workers), 1 to 16; default 1. */
  workers?: number;
  /** How the load balancer places a new connection (default "round-robin"); a connection stays on its worker. */
  balancer?: "round-robin" | "least-connections";
  /** How often each worker pings its connections (uvicorn's --ws-ping-interval), or null for never (the default here). */
  pingIntervalMs?: number | null;
  /** How long a ping waits for its pong before the connection is dropped (--ws-ping-timeout); default 1000. */
  pingTimeoutMs?: number;
  /** The export of your module each worker serves (uvicorn's `main:app`); default "app". */
  exportName?: string;
}

/** What a browser's `new WebSocket(url, protocols)` can send besides the URL: no headers of its own. */
export interface ConnectOptions {
  /** The site's cookies, sent with the handshake as one `cookie` header. */
  cookies?: Record<string, string>;
  /** Subprotocols offered (Sec-WebSocket-Protocol), in order of preference. */
  protocols?: string[];
}

export interface CloseInfo {
  /** What this client saw: the close code, or 1006 when the connection was lost without one. */
  code: number;
  reason: string;
  /** Who ended it. */
  by: "client" | "server";
}

/** A simulated browser tab with a WebSocket open to the cluster. */
export interface SimClient {
  /** The client's number in this cluster (1, 2, …). */
  readonly id: number;
  /** The worker the load balancer sent it to. */
  readonly worker: number;
  readonly path: string;
  /** The app accepted the connection. */
  readonly accepted: boolean;
  /** How the connection ended, or null while it is open (or still opening). */
  readonly closed: CloseInfo | null;
  /** Every text frame the client received, in order. */
  readonly received: readonly string[];
  /** Sends a text frame. Frames sent before the handshake completes wait for it. */
  send(text: string): void;
  /** Sends JSON.stringify(value). */
  sendJson(value: unknown): void;
  /**
   * The next frame this client has not read yet with nextMessage, waiting (and letting the
   * cluster's time run) for it; rejects if the connection ends first or after `timeoutMs` (default 30 s).
   */
  nextMessage(timeoutMs?: number): Promise<string>;
  /** Closes the connection with a close frame (default 1000, Normal Closure). */
  close(code?: number, reason?: string): void;
  /** Goes away without a close frame (a phone in a tunnel): only the server's heartbeat can tell. */
  vanish(): void;
}

export interface WorkerStats {
  worker: number;
  alive: boolean;
  /** Connections the worker still holds (a vanished client's too, until a heartbeat drops it). */
  connections: number;
  /** Frames it received from clients. */
  framesIn: number;
  /** Frames it sent to clients. */
  framesOut: number;
}

export interface Cluster {
  /** How many workers it has. */
  readonly workers: number;
  /** Opens a WebSocket to `path` (default "/ws"; a query may follow "?") through the load balancer. */
  connect(path?: string, options?: ConnectOptions): SimClient;
  /** `count` clients at once (hundreds to 10,000). */
  connectMany(count: number, path?: string, options?: ConnectOptions): SimClient[];
  /** Ends worker `worker` at once (kill -9): its clients see the connection drop (1006). */
  kill(worker: number): void;
  /** Starts worker `worker` afresh (killing it first if it is alive): your module is imported again. */
  restart(worker: number): Promise<void>;
  /** Waits until nothing is in flight: every frame and broker message delivered and handled. */
  settle(): Promise<void>;
  /** Lets `ms` milliseconds of the cluster's time pass (timeouts and heartbeats run). */
  sleep(ms: number): Promise<void>;
  /** Milliseconds on the cluster's clock since it started. */
  now(): number;
  stats(): WorkerStats[];
  /** Shuts down: every open connection is closed with 1001 (Going Away), then the workers stop. */
  stop(): Promise<void>;
}

/**
 * True where your module runs as the run itself (start clusters there), false in a cluster's
 * workers, which import the same module to serve `app` — Python's `if __name__ == "__main__":`.
 */
export declare const isMain: boolean;

/** Starts a cluster serving your module's `app` in each worker, once every worker has loaded it. */
export declare function startCluster(options?: ClusterOptions): Promise<Cluster>;

/**
 * A client of the cluster's one Redis (every worker reaches the same). Call `connect()` before use,
 * in a worker: in the code that serves connections, not as the module loads (the lesson's main
 * code loads your module too, and has no broker: there, connect() rejects).
 */
export declare function createBrokerClient(options?: ClientOptions): RedisClientType;

/** In a worker: its number (1 … N). In the lesson's main code: null. */
export declare function workerId(): number | null;

/** Resolves after `ms` on the engine's clock (asyncio.sleep). */
export declare function sleep(ms: number): Promise<void>;

/** What `promise` resolves to, or a TimeoutError after `ms` on the engine's clock (asyncio.wait_for). */
export declare function waitFor<T>(promise: PromiseLike<T>, ms: number): Promise<T>;

/** What waitFor rejects with when time runs out: its `name` is "TimeoutError". */
export declare class TimeoutError extends Error {
  constructor(message?: string);
}
