// The walk behind readCluster (model.ts): the shown cluster's events, one by one, into each
// worker's, client's and the broker's state, the frames clients sent, and the hops as Segments.
// It can go on from where it stopped, so a playhead moving forward (Play, a growing live trace)
// costs only the new events.
import type { ClusterTrace } from "../../../workers/cluster/trace";
import type { BrokerNow, ClientNow, ClientStatus, ClusterInfo, ClusterNow, Mark, Segment, SegmentKind, Sent, WorkerNow } from "./model";

/** How many of the sorted `indexes` are below `count`. */
function below(indexes: readonly number[], count: number): number {
  let lo = 0;
  let hi = indexes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (indexes[mid] < count) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The states in which a worker still holds the client's socket. */
const HELD: ReadonlySet<ClientStatus> = new Set(["open", "vanished"]);

const newWorker = (worker: number): WorkerNow => ({ worker, status: "starting", connections: 0, framesIn: 0, framesOut: 0, lostOut: 0, publishes: 0, deliveries: 0, downs: 0 });

export class ClusterReader {
  private info: ClusterInfo;
  private readonly hop: number;
  /** How many of the cluster's events have been read. */
  private read = 0;
  private lastRead: ClusterTrace | null = null;
  private readonly workers: WorkerNow[] = [];
  private readonly clients = new Map<number, ClientNow>();
  private readonly broker: BrokerNow = { publishes: 0, deliveries: 0, zeroReceivers: 0, channels: [] };
  private readonly sent = new Map<number, Sent>();
  private readonly segments: Segment[] = [];
  private readonly marks: Mark[] = [];
  private readonly downs: ClusterNow["downs"] = [];
  private readonly outTimes = new Map<number, number[]>();
  private readonly open = new Set<number>();
  /** The open clients as a sorted list, shared by the frames sent while it holds. */
  private openList: number[] | null = null;
  private readonly inEnd = new Map<number, number>();
  private readonly publishEnd = new Map<number, number>();
  /** By msg × 2^16 + worker. */
  private readonly deliveryEnd = new Map<number, number>();
  private settledAt = 0;

  constructor(info: ClusterInfo, hop: number) {
    this.info = info;
    this.hop = hop;
  }

  /** Whether advancing to `count` events of (a possibly grown) `info` goes on from here. */
  canReach(info: ClusterInfo, count: number, hop: number): boolean {
    if (hop !== this.hop || info.cluster !== this.info.cluster) return false;
    if (below(info.indexes, count) < this.read) return false;
    if (this.read > 0 && info.events[this.read - 1] !== this.lastRead) return false;
    this.info = info;
    return true;
  }

  advance(count: number): void {
    const n = below(this.info.indexes, count);
    for (; this.read < n; this.read++) this.step(this.info.events[this.read]);
    this.lastRead = this.read > 0 ? this.info.events[this.read - 1] : null;
  }

  /** The state now, in arrays of its own (a Sent's sets keep growing as the reader goes on). */
  now(): ClusterNow {
    const workers = Array.from({ length: Math.max(this.info.workers, this.workers.length) }, (_, i) => ({ ...(this.workers[i] ?? newWorker(i + 1)) }));
    const byClient = new Map<number, ClientNow>();
    for (const { client, worker } of this.info.clients) byClient.set(client, { client, worker, status: "not yet", vanished: false, t: 0 });
    for (const [n, c] of this.clients) byClient.set(n, { ...c });
    const clients = [...byClient.values()].sort((a, b) => a.client - b.client);
    const outTimes = new Map([...this.outTimes].map(([w, times]) => [w, times.slice()]));
    return {
      info: this.info,
      count: this.read,
      workers,
      clients,
      byClient,
      broker: { ...this.broker, channels: this.broker.channels.slice() },
      sent: [...this.sent.values()],
      segments: this.segments.slice(),
      marks: this.marks.slice(),
      downs: this.downs.slice(),
      outTimes,
      hop: this.hop,
      settledAt: this.settledAt,
    };
  }

  private worker(n: number): WorkerNow {
    return this.workers[n - 1] ?? (this.workers[n - 1] = newWorker(n));
  }

  private client(n: number, worker: number): ClientNow {
    let c = this.clients.get(n);
    if (!c) this.clients.set(n, (c = { client: n, worker, status: "not yet", vanished: false, t: 0 }));
    return c;
  }

  private setStatus(c: ClientNow, status: ClientStatus, t: number): void {
    const held = HELD.has(c.status);
    c.status = status;
    c.t = t;
    if (held !== HELD.has(status)) this.worker(c.worker).connections += held ? -1 : 1;
    const wasOpen = this.open.has(c.client);
    if (status === "open") this.open.add(c.client);
    else this.open.delete(c.client);
    if (wasOpen !== (status === "open")) this.openList = null;
  }

  private segment(kind: SegmentKind, t: number, start: number, worker: number, client: number | null, msg: number | null, lost: boolean, record: Sent | undefined): Segment {
    const s: Segment = { kind, t, start, end: start + this.hop, worker, client, msg, lost };
    this.segments.push(s);
    if (s.end > this.settledAt) this.settledAt = s.end;
    if (record) {
      if (record.until < s.end) record.until = s.end;
      if (record.settlesAt < t + this.hop) record.settlesAt = t + this.hop;
    }
    return s;
  }

  private step(e: ClusterTrace): void {
    switch (e.kind) {
      case "start":
        break;
      case "worker": {
        const w = this.worker(e.worker);
        if (e.state === "started") w.status = "up";
        else {
          w.status = e.state;
          this.downs.push({ worker: e.worker, t: e.t, state: e.state });
          if (e.state !== "stopped") {
            w.downs++;
            this.marks.push({ kind: "down", t: e.t, at: e.t, worker: e.worker, client: null, msg: null });
          }
        }
        if (e.error) w.error = e.error;
        break;
      }
      case "connect": {
        const c = this.client(e.client, e.worker);
        this.setStatus(c, "not yet", e.t); // leaves the worker it may have been on
        Object.assign(c, { worker: e.worker, code: undefined, reason: undefined, by: undefined, why: undefined });
        this.setStatus(c, "connecting", e.t);
        break;
      }
      case "accept":
        this.setStatus(this.client(e.client, e.worker), "open", e.t);
        break;
      case "reject": {
        const c = this.client(e.client, e.worker);
        c.code = e.status;
        this.setStatus(c, "rejected", e.t);
        break;
      }
      case "close": {
        const c = this.client(e.client, e.worker);
        Object.assign(c, { code: e.code, reason: e.reason, by: e.by });
        this.setStatus(c, "closed", e.t);
        break;
      }
      case "vanish": {
        const c = this.client(e.client, e.worker);
        Object.assign(c, { vanished: true, code: 1006 });
        this.setStatus(c, "vanished", e.t);
        break;
      }
      case "lost": {
        const c = this.client(e.client, e.worker);
        Object.assign(c, { why: e.why, code: 1006 });
        this.setStatus(c, "lost", e.t);
        break;
      }
      case "in":
        this.frameIn(e);
        break;
      case "publish":
        this.publish(e);
        break;
      case "delivery": {
        this.worker(e.worker).deliveries++;
        this.broker.deliveries++;
        const record = e.msg === null ? undefined : this.sent.get(e.msg);
        record?.deliveredTo.set(e.worker, e.t);
        const after = e.msg === null ? undefined : this.publishEnd.get(e.msg);
        const s = this.segment("delivery", e.t, Math.max(e.t, after ?? e.t), e.worker, null, e.msg, false, record);
        if (e.msg !== null) this.deliveryEnd.set(e.msg * 65536 + e.worker, s.end);
        break;
      }
      case "out":
        this.frameOut(e);
        break;
    }
  }

  private frameIn(e: Extract<ClusterTrace, { kind: "in" }>): void {
    this.worker(e.worker).framesIn++;
    this.openList ??= [...this.open].sort((a, b) => a - b);
    const record: Sent = { msg: e.msg, client: e.client, worker: e.worker, t: e.t, text: e.text, event: e, openAtSend: this.openList, received: new Set(), undelivered: new Set(), outWorkers: new Set(), publishes: 0, maxReceivers: 0, deliveredTo: new Map(), until: e.t, settlesAt: e.t };
    this.sent.set(e.msg, record);
    this.inEnd.set(e.msg, this.segment("in", e.t, e.t, e.worker, e.client, e.msg, false, record).end);
  }

  private publish(e: Extract<ClusterTrace, { kind: "publish" }>): void {
    this.worker(e.worker).publishes++;
    this.broker.publishes++;
    if (e.receivers === 0) this.broker.zeroReceivers++;
    if (!this.broker.channels.includes(e.channel)) this.broker.channels.push(e.channel);
    const record = e.msg === null ? undefined : this.sent.get(e.msg);
    if (record) {
      record.publishes++;
      record.maxReceivers = Math.max(record.maxReceivers, e.receivers);
    }
    const after = e.msg === null ? undefined : this.inEnd.get(e.msg);
    const s = this.segment("publish", e.t, Math.max(e.t, after ?? e.t), e.worker, null, e.msg, e.receivers === 0, record);
    if (e.msg !== null) this.publishEnd.set(e.msg, Math.max(this.publishEnd.get(e.msg) ?? 0, s.end));
    if (s.lost) this.marks.push({ kind: "no-receivers", t: s.end, at: e.t, worker: e.worker, client: null, msg: e.msg });
  }

  private frameOut(e: Extract<ClusterTrace, { kind: "out" }>): void {
    const w = this.worker(e.worker);
    w.framesOut++;
    if (!e.delivered) w.lostOut++;
    const times = this.outTimes.get(e.worker);
    if (times) times.push(e.t);
    else this.outTimes.set(e.worker, [e.t]);
    const record = e.msg === null ? undefined : this.sent.get(e.msg);
    if (record) {
      record.outWorkers.add(e.worker);
      (e.delivered ? record.received : record.undelivered).add(e.client);
    }
    // After the delivery that brought it to this worker, or (from memory) after it arrived here.
    const after = e.msg === null ? undefined : (this.deliveryEnd.get(e.msg * 65536 + e.worker) ?? (record?.worker === e.worker ? this.inEnd.get(e.msg) : undefined));
    const s = this.segment("out", e.t, Math.max(e.t, after ?? e.t), e.worker, e.client, e.msg, !e.delivered, record);
    if (s.lost) this.marks.push({ kind: "undelivered", t: s.end, at: e.t, worker: e.worker, client: e.client, msg: e.msg });
  }
}
