// What the cluster picture needs from a run's trace (workers/cluster/trace.ts). From the whole
// trace, for a layout that does not move: the clusters of the run, and each one's workers and
// clients. From the events up to the playhead, by one walk over the shown cluster's events
// (reader.ts): each worker's state and counters, each client's connection, the broker's counts,
// every frame a client sent with who was connected then and who got it, and each hop a frame made
// as a Segment: when it left and arrived in run time, for the moving dots.
import type { TraceEvent } from "../../../workers/trace";
import type { ClusterTrace, CloseBy, LossReason } from "../../../workers/cluster/trace";
import { ClusterReader } from "./reader";

export const isCluster = (e: TraceEvent): e is ClusterTrace => e.source === "cluster";

export interface ClusterInfo {
  cluster: number;
  /** How many workers: the start event's count, or the highest worker number seen. */
  workers: number;
  balancer: string | null;
  pingIntervalMs: number | null;
  /** Every client of the cluster in the whole trace, by number, with the worker it was sent to. */
  clients: { client: number; worker: number }[];
  /** Whether any worker ever published: the broker is in use. */
  usesBroker: boolean;
  /** The cluster's events in the whole trace, with each one's index there. */
  events: ClusterTrace[];
  indexes: number[];
  first: ClusterTrace;
  last: ClusterTrace;
  /** Where the cluster begins in the whole trace: its start event, or its first event. */
  beginsAt: number;
}

/** A cluster being read, and what the last read made of it (dropped when an event is added). */
type Building = ClusterInfo & { seen: Map<number, number>; made?: ClusterInfo };

function add(byNumber: Map<number, Building>, e: ClusterTrace, index: number): void {
  let info = byNumber.get(e.cluster);
  if (!info) {
    info = { cluster: e.cluster, workers: 0, balancer: null, pingIntervalMs: null, clients: [], usesBroker: false, events: [], indexes: [], first: e, last: e, beginsAt: index, seen: new Map() };
    byNumber.set(e.cluster, info);
  }
  info.events.push(e);
  info.indexes.push(index);
  info.last = e;
  info.made = undefined;
  if (e.kind === "start") {
    info.workers = Math.max(info.workers, e.workers);
    info.balancer = e.balancer;
    info.pingIntervalMs = e.pingIntervalMs;
    info.beginsAt = index;
  }
  if ("worker" in e) info.workers = Math.max(info.workers, e.worker);
  if (e.kind === "publish") info.usesBroker = true;
  if ("client" in e && !info.seen.has(e.client)) info.seen.set(e.client, e.worker);
}

function finish(byNumber: Map<number, Building>): ClusterInfo[] {
  // A cluster no new event reached keeps its object, so what is drawn from it is not redone; the
  // events and indexes arrays are shared with the next read, which only appends to them.
  return [...byNumber.values()]
    .map((building) => {
      const { seen, made, ...info } = building;
      return (building.made = made ?? { ...info, clients: [...seen].sort((a, b) => a[0] - b[0]).map(([client, worker]) => ({ client, worker })) });
    })
    .sort((a, b) => a.beginsAt - b.beginsAt);
}

/** The clusters of the run, in the order they began. */
export function clustersOf(all: readonly TraceEvent[]): ClusterInfo[] {
  const byNumber = new Map<number, Building>();
  all.forEach((e, index) => {
    if (isCluster(e)) add(byNumber, e, index);
  });
  return finish(byNumber);
}

/**
 * clustersOf for a trace that grows while a run streams: when the new trace begins with the one
 * read last (the same event objects), only its new events are read; otherwise (a new run, events
 * merged in before the end) it starts over.
 */
export function clustersIndex(): (all: readonly TraceEvent[]) => ClusterInfo[] {
  let byNumber = new Map<number, Building>();
  let read = 0;
  let lastRead: TraceEvent | undefined;
  let firstRead: TraceEvent | undefined;
  return (all) => {
    // A grown trace is longer and keeps the events read at both ends of what was read; anything
    // else (shorter, as long but another array, a different first or last event) is read afresh.
    if (all.length <= read || all[0] !== firstRead || all[read - 1] !== lastRead) {
      byNumber = new Map();
      read = 0;
    }
    for (; read < all.length; read++) {
      const e = all[read];
      if (isCluster(e)) add(byNumber, e, read);
    }
    lastRead = read > 0 ? all[read - 1] : undefined;
    firstRead = all[0];
    return finish(byNumber);
  };
}

/** The cluster shown when the first `count` events have happened: the last one begun by then. */
export function shownCluster(clusters: readonly ClusterInfo[], count: number): ClusterInfo | null {
  let shown: ClusterInfo | null = null;
  for (const c of clusters) if (c.beginsAt < count && (!shown || c.beginsAt > shown.beginsAt)) shown = c;
  return shown;
}

/** The last event of `c` before the next cluster begins: the playhead just after it shows `c` as it ended. */
export function shownUntil(clusters: readonly ClusterInfo[], c: ClusterInfo): ClusterTrace {
  const next = clusters[clusters.indexOf(c) + 1];
  let i = c.events.length - 1;
  while (next && i > 0 && c.indexes[i] >= next.beginsAt) i--;
  return c.events[i];
}

export type WorkerStatus = "starting" | "up" | "killed" | "crashed" | "stopped";

export interface WorkerNow {
  worker: number;
  status: WorkerStatus;
  /** Sockets the worker holds: open ones, and those whose client vanished unnoticed. */
  connections: number;
  framesIn: number;
  framesOut: number;
  /** Frames out that never arrived: the client had gone. */
  lostOut: number;
  publishes: number;
  deliveries: number;
  /** Times it went down (killed, crashed). */
  downs: number;
  error?: string;
}

export type ClientStatus = "not yet" | "connecting" | "open" | "closed" | "lost" | "vanished" | "rejected";

export interface ClientNow {
  client: number;
  worker: number;
  status: ClientStatus;
  /** The close code the client saw (closed), 1006 (lost, vanished), or 403 (rejected). */
  code?: number;
  reason?: string;
  by?: CloseBy;
  why?: LossReason;
  /** It went away without a word at some point (even if since reaped). */
  vanished: boolean;
  /** When its state last changed. */
  t: number;
}

export interface BrokerNow {
  publishes: number;
  deliveries: number;
  /** Publishes nobody was subscribed to. */
  zeroReceivers: number;
  channels: string[];
}

/** A frame a client sent, and what became of it so far. */
export interface Sent {
  msg: number;
  client: number;
  worker: number;
  t: number;
  text: string;
  event: ClusterTrace;
  /** The clients connected (open) when it reached its worker, the sender included. */
  openAtSend: readonly number[];
  /** Clients a frame carrying it reached; those it was sent to after they had gone. */
  received: Set<number>;
  undelivered: Set<number>;
  /** Workers that sent it on to any client. */
  outWorkers: Set<number>;
  publishes: number;
  /** The largest receiver count of its publishes. */
  maxReceivers: number;
  /** The workers the broker delivered it to, and when. */
  deliveredTo: Map<number, number>;
  /** When its last hop so far arrives, in run time (the picture's schedule). */
  until: number;
  /**
   * One hop after the last event that carried it so far: until then the words call it on its
   * way (more frames carrying it may come), after it they count whom it reached.
   */
  settlesAt: number;
}

export type SegmentKind = "in" | "publish" | "delivery" | "out";

/** One hop of one frame: client → load balancer → worker (in), worker → broker (publish), broker → worker (delivery), worker → client (out). */
export interface Segment {
  kind: SegmentKind;
  /** The event's time. */
  t: number;
  /** When the dot leaves and arrives: never before the hop that brought the message arrived. */
  start: number;
  end: number;
  worker: number;
  client: number | null;
  msg: number | null;
  /** An out the client never got, or a publish nobody received. */
  lost: boolean;
}

/** Where something was lost, drawn as an ✕: at the client (undelivered), the broker (no receivers), a worker (killed), a worker's edge (never left). */
export interface Mark {
  kind: "undelivered" | "no-receivers" | "down" | "never-left";
  /** When the dot that was lost arrives there (the picture's schedule). */
  t: number;
  /** When the event that tells the loss happened. */
  at: number;
  worker: number;
  client: number | null;
  msg: number | null;
}

export interface ClusterNow {
  info: ClusterInfo;
  /** Events of this cluster up to the playhead. */
  count: number;
  workers: WorkerNow[];
  clients: ClientNow[];
  byClient: ReadonlyMap<number, ClientNow>;
  broker: BrokerNow;
  sent: Sent[];
  segments: Segment[];
  marks: Mark[];
  /** When a worker went down: to tell a loss that came from it. */
  downs: { worker: number; t: number; state: "killed" | "crashed" | "stopped" }[];
  /** When each worker sent frames out, in order. */
  outTimes: ReadonlyMap<number, readonly number[]>;
  /** The hop duration the segments were scheduled with. */
  hop: number;
  /** When the last hop so far arrives: the picture's end, which may lie a few hops after the last event. */
  settledAt: number;
}

/** The shown cluster as it stood once the first `count` events of the whole trace had happened; each hop of a frame lasts `hop` ms. */
export function readCluster(info: ClusterInfo, count: number, hop: number): ClusterNow {
  const reader = new ClusterReader(info, hop);
  reader.advance(count);
  return reader.now();
}

/**
 * readCluster for a playhead that mostly moves forward (Play): the walk goes on from where the
 * last call stopped when it can, and starts again when the playhead went back or the trace or
 * cluster changed.
 */
export function clusterCache(): (info: ClusterInfo, count: number, hop: number) => ClusterNow {
  let reader: ClusterReader | null = null;
  return (info, count, hop) => {
    if (!reader || !reader.canReach(info, count, hop)) reader = new ClusterReader(info, hop);
    reader.advance(count);
    return reader.now();
  };
}

