// Synthetic cluster traces for the picture's tests and for looking at it, written against the
// event types alone (workers/cluster/trace.ts) while the engine is built elsewhere. A Script keeps
// what the coordinator would know (who is connected to which worker, which workers subscribed)
// and emits the events a real run would, in time order.
import type { ClusterTrace, ClusterTraceBody, LossReason } from "../../../../workers/cluster/trace";

/** The gap between the hops of one frame (in → publish → delivery → out), in run milliseconds. */
const HOP = 0.2;

export class Script {
  readonly events: ClusterTrace[] = [];
  t: number;
  private readonly cluster: number;
  private readonly workers: number;
  /** The clients each worker's app holds (a vanished client stays until reaped). */
  private readonly held = new Map<number, number[]>();
  private readonly workerOf = new Map<number, number>();
  private readonly gone = new Set<number>();
  private readonly subscribed = new Set<number>();
  private nextClient = 1;
  private nextMsg = 1;
  private turn = 0;

  constructor({ cluster = 1, t0 = 0, workers = 4 }: { cluster?: number; t0?: number; workers?: number } = {}) {
    this.cluster = cluster;
    this.t = t0;
    this.workers = workers;
    for (let w = 1; w <= workers; w++) this.held.set(w, []);
  }

  emit(body: ClusterTraceBody, dt = 0): void {
    this.t = Math.round((this.t + dt) * 1000) / 1000;
    this.events.push({ t: this.t, source: "cluster", cluster: this.cluster, ...body } as ClusterTrace);
  }

  /** The cluster starts and every worker loads its copy of the app; with `subscribe`, each subscribes to the broker. */
  start(pingIntervalMs: number | null = 200): void {
    this.emit({ kind: "start", workers: this.workers, balancer: "round-robin", pingIntervalMs });
    for (let w = 1; w <= this.workers; w++) this.emit({ kind: "worker", worker: w, state: "started" }, 1);
  }

  subscribeAll(): void {
    for (let w = 1; w <= this.workers; w++) this.subscribed.add(w);
  }

  /** A new client, sent round-robin; accepted unless `accept` is false (it stays connecting). */
  connect({ accept = true, path = "/ws?token=ok" }: { accept?: boolean; path?: string } = {}, dt = 2): number {
    const client = this.nextClient++;
    const worker = (this.turn++ % this.workers) + 1;
    this.workerOf.set(client, worker);
    this.emit({ kind: "connect", client, worker, path }, dt);
    if (accept) this.accept(client);
    return client;
  }

  accept(client: number): void {
    const worker = this.workerOf.get(client)!;
    this.emit({ kind: "accept", client, worker }, HOP);
    this.held.get(worker)!.push(client);
  }

  reject(client: number): void {
    this.emit({ kind: "reject", client, worker: this.workerOf.get(client)!, status: 403 }, HOP);
  }

  /**
   * A client's frame. "memory": its worker sends it to the clients it holds. "pubsub": its worker
   * publishes it, the broker delivers it to every subscribed worker, each sends it to its clients.
   * "none": nobody is sent it (an authentication frame). `dies`: a worker that gets the delivery
   * but is killed before it sends the frame on. Returns the message's number.
   */
  send(client: number, text: string, how: "memory" | "pubsub" | "none", dt = 25, dies?: number): number {
    const msg = this.nextMsg++;
    const worker = this.workerOf.get(client)!;
    this.emit({ kind: "in", client, worker, msg, text }, dt);
    if (how === "memory") this.fanOut(worker, msg, text);
    if (how === "pubsub") {
      const receivers = [...this.subscribed].sort((a, b) => a - b);
      this.emit({ kind: "publish", worker, channel: "chat", msg, text, receivers: receivers.length }, HOP);
      for (const w of receivers) this.emit({ kind: "delivery", worker: w, channel: "chat", msg, text }, HOP);
      for (const w of receivers) if (w !== dies) this.fanOut(w, msg, text);
    }
    return msg;
  }

  /** The app on `worker` sends a frame to every client it holds; a vanished one never gets it. */
  fanOut(worker: number, msg: number | null, text: string): void {
    for (const client of this.held.get(worker)!) this.emit({ kind: "out", client, worker, msg, text, delivered: !this.gone.has(client) }, HOP / 4);
  }

  /** The app closes a connection (4001: not authenticated, 4002: authentication timed out). */
  close(client: number, code: number, reason: string, by: "client" | "server" = "server", dt = 5): void {
    const worker = this.workerOf.get(client)!;
    this.emit({ kind: "close", client, worker, code, reason, by }, dt);
    this.drop(client);
  }

  vanish(client: number, dt = 5): void {
    this.emit({ kind: "vanish", client, worker: this.workerOf.get(client)! }, dt);
    this.gone.add(client);
  }

  lost(client: number, why: LossReason, dt = 0): void {
    this.emit({ kind: "lost", client, worker: this.workerOf.get(client)!, why }, dt);
    this.drop(client);
  }

  kill(worker: number, dt = 10): void {
    this.emit({ kind: "worker", worker, state: "killed" }, dt);
    this.subscribed.delete(worker);
    for (const client of [...this.held.get(worker)!]) this.lost(client, "worker killed");
  }

  restart(worker: number, dt = 50): void {
    this.emit({ kind: "worker", worker, state: "started" }, dt);
    this.subscribed.add(worker);
  }

  private drop(client: number): void {
    const list = this.held.get(this.workerOf.get(client)!)!;
    const at = list.indexOf(client);
    if (at !== -1) list.splice(at, 1);
  }
}

/** Cluster 1: four workers, 24 clients, a chat broadcast from memory — each message reaches only its sender's worker's clients. */
export function inMemoryCluster({ cluster = 1, t0 = 0, messages = 6 } = {}): ClusterTrace[] {
  const s = new Script({ cluster, t0, workers: 4 });
  s.start();
  const clients = Array.from({ length: 24 }, () => s.connect());
  for (let i = 0; i < messages; i++) s.send(clients[i % clients.length], `hello from ${clients[i % clients.length]}`, "memory");
  return s.events;
}

/**
 * Cluster 2: the same 24 clients with Redis pub/sub, and what goes wrong: a first publish before
 * anyone subscribed (0 receivers), an unauthenticated socket closed 4001 and a silent one 4002,
 * a handshake refused (403), a client that vanishes (a frame sent to it is lost on the way, then
 * the heartbeat reaps it), and worker 3 killed while a message is on its way to its clients.
 */
export function pubSubCluster({ cluster = 2, t0 = 400 } = {}): ClusterTrace[] {
  const s = new Script({ cluster, t0, workers: 4 });
  s.start();
  const clients = Array.from({ length: 24 }, () => s.connect());
  s.send(clients[0], "too early", "pubsub", 10); // nobody subscribed yet: 0 receivers
  s.subscribeAll();
  const noToken = s.connect({ path: "/ws" });
  s.send(noToken, "hi without a token", "none", 3);
  s.close(noToken, 4001, "not authenticated", "server", 1);
  const silent = s.connect({ path: "/ws" });
  const refused = s.connect({ accept: false, path: "/admin/ws" });
  s.reject(refused);
  for (let i = 1; i <= 6; i++) s.send(clients[i], `pubsub ${i}`, "pubsub");
  s.vanish(clients[1]); // client 2, on worker 2
  s.send(clients[4], "while client 2 is gone", "pubsub");
  // A message delivered to worker 3, which dies before sending it on.
  s.send(clients[5], "worker 3 dies", "pubsub", 20, 3);
  s.kill(3, 0.1);
  s.close(silent, 4002, "authentication timed out", "server", 30);
  s.send(clients[6], "after the kill", "pubsub");
  s.lost(clients[1], "ping timeout", 200);
  s.restart(3, 20);
  s.send(clients[7], "worker 3 is back", "pubsub");
  return s.events;
}

/** A run with both clusters, one after the other. */
export function syntheticRun(): ClusterTrace[] {
  return [...inMemoryCluster(), ...pubSubCluster({ t0: 400 })];
}

/** A busy cluster: many workers and clients, thousands of frames (aggregated clients, many dots). */
export function busyCluster({ cluster = 1, t0 = 0, workers = 8, clients = 400, messages = 400 } = {}): ClusterTrace[] {
  const s = new Script({ cluster, t0, workers });
  s.start();
  s.subscribeAll();
  const ids = Array.from({ length: clients }, () => s.connect({}, 0.5));
  for (let i = 0; i < messages; i++) s.send(ids[(i * 37) % ids.length], `m${i}`, "pubsub", 2);
  return s.events;
}
