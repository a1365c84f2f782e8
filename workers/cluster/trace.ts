// Trace events of the cluster engine (docs/architecture.md, "The trace and the playhead"): what
// the coordinator saw cross the wires between simulated clients, the load balancer, the workers
// and the broker. Plain data on the run's clock; the `cluster` visualization renders from these
// alone.
//
// Names: `cluster` numbers the clusters started in a run (1, 2, …); `worker` numbers a cluster's
// workers (1 … N, a restarted worker keeps its number); `client` numbers the simulated clients of a
// cluster (1, 2, …); `msg` numbers the frames clients sent (1, 2, …), and an
// outgoing frame, publish or delivery names as `msg` the incoming frame it carries (the most recent
// one on that worker whose text it contains), or null.

interface ClusterTraceBase {
  /** Milliseconds on the run's clock. */
  t: number;
  source: "cluster";
  cluster: number;
}

export type CloseBy = "client" | "server";

/** Why a connection was lost without a close handshake (the client saw 1006). */
export type LossReason = "worker killed" | "ping timeout" | "worker crashed";

export type ClusterTraceBody =
  /** A cluster started: its size and how new connections are spread. */
  | { kind: "start"; workers: number; balancer: "round-robin" | "least-connections"; pingIntervalMs: number | null }
  /** A worker changed state ("started" once its copy of the app was loaded). */
  | { kind: "worker"; worker: number; state: "started" | "killed" | "crashed" | "stopped"; error?: string }
  /** The load balancer sent a new connection to `worker`. */
  | { kind: "connect"; client: number; worker: number; path: string }
  /** The app accepted the connection. */
  | { kind: "accept"; client: number; worker: number }
  /**
   * The handshake was refused (a browser sees 1006): HTTP 403 when the app closed before
   * accepting, 500 when it raised or returned before accepting.
   */
  | { kind: "reject"; client: number; worker: number; status: 403 | 500 }
  /** A client's frame reached its worker. */
  | { kind: "in"; client: number; worker: number; msg: number; text: string }
  /** The worker sent a frame to a client; `delivered: false` when the client was already gone (lost on the way). */
  | { kind: "out"; client: number; worker: number; msg: number | null; text: string; delivered: boolean }
  /** A worker published on the broker; `receivers` is PUBLISH's reply (subscribed connections). */
  | { kind: "publish"; worker: number; channel: string; msg: number | null; text: string; receivers: number }
  /** The broker pushed a published message to a subscribed worker. */
  | { kind: "delivery"; worker: number; channel: string; msg: number | null; text: string }
  /** A close handshake: `by` says who closed first; the code is what the other side saw. */
  | { kind: "close"; client: number; worker: number; code: number; reason: string; by: CloseBy }
  /** A client went away without a close frame (a phone in a tunnel): only a heartbeat can tell. */
  | { kind: "vanish"; client: number; worker: number }
  /** A connection ended without a close handshake; the client (if still there) saw 1006. */
  | { kind: "lost"; client: number; worker: number; why: LossReason };

export type ClusterTrace = ClusterTraceBase & ClusterTraceBody;
