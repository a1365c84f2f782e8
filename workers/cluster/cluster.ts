// The coordinator of a cluster (in the sandbox's thread): N workers serving the learner's app, the
// load balancer in front of them, the broker they share, and the simulated clients. It sees every
// message that crosses a wire, and that is what it traces (trace.ts). Workers and time come from
// a transport (transport.ts), so the same coordinator runs on one thread in virtual time or over
// real Web Workers.
import { LoadBalancer } from "./balancer.ts";
import { Broker } from "./broker.ts";
import { Causes } from "./causes.ts";
import { SimClient, type ClientWire } from "./client.ts";
import { receiveFromNode, type Coordinator } from "./from-node.ts";
import { headerList, splitPath } from "./handshake.ts";
import type * as LearnerApi from "./learner-api.ts";
import { clusterSettings, type ClusterSettings } from "./options.ts";
import { readFromNode } from "./read-message.ts";
import { Slot } from "./slot.ts";
import type { ClusterTrace, ClusterTraceBody } from "./trace.ts";
import type { ClusterTransport } from "./transport.ts";

export interface ConsoleLine {
  worker: number;
  level: "log" | "info" | "warn" | "error";
  text: string;
}

export interface ClusterSetup {
  transport: ClusterTransport;
  /** The learner's module, transpiled to CommonJS (workers/sandbox/transpile.ts). */
  code: string;
  trace?: (event: ClusterTrace) => void;
  /** This cluster's number in the run (trace.ts's `cluster`), default 1. */
  cluster?: number;
  /** What learner code in a worker writes to its console. */
  onConsole?: (line: ConsoleLine) => void;
}

/** Gunicorn's --timeout: a worker that has not loaded the app by then failed to boot. */
const LOAD_TIMEOUT_MS = 30_000;

/** Starts a cluster and resolves once every worker has loaded the app (rejects if one could not). */
export async function startCluster(options: LearnerApi.ClusterOptions | undefined, setup: ClusterSetup): Promise<Cluster> {
  const cluster = new Cluster(clusterSettings(options), setup);
  await cluster.boot();
  return cluster;
}

export class Cluster implements LearnerApi.Cluster, ClientWire {
  private slots: Slot[] = [];
  private readonly balancer: LoadBalancer;
  private readonly broker: Broker;
  private readonly causes = new Causes();
  private clientCount = 0;
  private msgCount = 0;
  private stopped = false;
  private readonly coordinator: Coordinator;

  constructor(
    readonly settings: ClusterSettings,
    private readonly setup: ClusterSetup,
  ) {
    this.balancer = new LoadBalancer(settings.balancer);
    const epoch = Date.now();
    this.broker = new Broker({
      now: () => Math.floor(epoch + this.now()),
      trace: (body) => this.emit(body),
      cause: (worker, text) => this.causes.find(worker, text),
      delivered: (worker, msg) => this.causes.arrived(worker, msg),
    });
    this.coordinator = {
      emit: (body) => this.emit(body),
      causes: this.causes,
      broker: this.broker,
      retire: (slot, state, error) => this.retire(slot, state, error),
      onConsole: setup.onConsole,
    };
  }

  get workers(): number {
    return this.settings.workers;
  }

  now(): number {
    return this.setup.transport.clock.now();
  }

  settle(): Promise<void> {
    return this.setup.transport.settle();
  }

  sleep(ms: number): Promise<void> {
    return this.setup.transport.sleep(ms);
  }

  async boot(): Promise<void> {
    const { workers, balancer, pingIntervalMs } = this.settings;
    this.emit({ kind: "start", workers, balancer, pingIntervalMs });
    const loads: Promise<void>[] = [];
    for (let worker = 1; worker <= workers; worker++) loads.push(this.launch(worker));
    try {
      await this.loaded(loads);
    } catch (error) {
      for (const slot of this.slots) if (slot.link) this.retire(slot, "stopped");
      this.stopped = true;
      throw error;
    }
  }

  connect(path = "/ws", options: LearnerApi.ConnectOptions = {}): SimClient {
    return this.open(String(path), headerList(options));
  }

  connectMany(count: number, path = "/ws", options: LearnerApi.ConnectOptions = {}): SimClient[] {
    if (!Number.isInteger(count) || count < 0) throw new RangeError(`connectMany takes a whole number of clients, not ${String(count)}`);
    const headers = headerList(options);
    const clients: SimClient[] = [];
    for (let i = 0; i < count; i++) clients.push(this.open(String(path), headers));
    return clients;
  }

  kill(worker: number): void {
    const slot = this.slotOf(worker);
    if (slot.link) this.retire(slot, "killed");
  }

  async restart(worker: number): Promise<void> {
    const slot = this.slotOf(worker);
    if (slot.link) this.retire(slot, "killed");
    await this.loaded([this.launch(worker)]);
  }

  stats(): LearnerApi.WorkerStats[] {
    return this.slots.map(({ worker, alive, connections, framesIn, framesOut }) => ({ worker, alive, connections, framesIn, framesOut }));
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    // uvicorn's shutdown: every connection is closed (1001 Going Away) and the app hears of it.
    for (const slot of this.slots) {
      for (const [conn, client] of slot.conns) {
        this.emit({ kind: "close", client: conn, worker: slot.worker, code: 1001, reason: "", by: "server" });
        client.end({ code: 1001, reason: "", by: "server" });
        slot.post({ type: "close", conn, code: 1001, reason: "" });
      }
      slot.conns.clear();
    }
    await this.settle();
    for (const slot of this.slots) if (slot.link) this.retire(slot, "stopped");
  }

  // ---- the clients' side of the wire (ClientWire) ----

  clientSend(client: SimClient, text: string): void {
    const slot = this.slots[client.worker - 1];
    const msg = ++this.msgCount;
    slot.framesIn++;
    this.causes.incoming(slot.worker, msg, text);
    this.emit({ kind: "in", client: client.id, worker: slot.worker, msg, text });
    slot.post({ type: "frame", conn: client.id, text });
  }

  clientClose(client: SimClient, code: number, reason: string): void {
    const slot = this.slots[client.worker - 1];
    client.end({ code, reason, by: "client" });
    slot.conns.delete(client.id);
    this.emit({ kind: "close", client: client.id, worker: slot.worker, code, reason, by: "client" });
    slot.post({ type: "close", conn: client.id, code, reason });
  }

  clientVanish(client: SimClient): void {
    client.vanished = true;
    client.end({ code: 1006, reason: "", by: "client" });
    this.emit({ kind: "vanish", client: client.id, worker: client.worker });
  }

  async until(ready: () => boolean, timeoutMs: number): Promise<boolean> {
    const deadline = this.now() + timeoutMs;
    if (!ready()) await this.settle();
    while (!ready()) {
      const left = deadline - this.now();
      if (left <= 0) return false;
      await this.sleep(Math.min(1, left));
    }
    return true;
  }

  // ---- workers ----

  private launch(worker: number): Promise<void> {
    const slot = new Slot(worker);
    this.slots[worker - 1] = slot;
    this.causes.forget(worker);
    const loading = new Promise<void>((resolve, reject) => (slot.loading = { resolve, reject }));
    const { transport, code } = this.setup;
    slot.link = transport.spawn(
      worker,
      (message) => {
        const read = readFromNode(message);
        if (read && slot.link && this.slots[worker - 1] === slot) receiveFromNode(this.coordinator, slot, read);
      },
      (error, how = "crashed") => {
        if (slot.link && this.slots[worker - 1] === slot) this.retire(slot, how, how === "crashed" ? error : undefined);
      },
      () => {
        // From the page: only the worker's latest incarnation, and only while the cluster runs.
        if (this.slots[worker - 1] === slot && !this.stopped) this.restart(worker).catch(() => {});
      },
    );
    const { exportName, pingIntervalMs, pingTimeoutMs } = this.settings;
    slot.link.post({ type: "load", code, config: { worker, exportName, pingIntervalMs, pingTimeoutMs } });
    return loading;
  }

  /** Waits for workers to load (letting time run): rejects with the first one's failure. */
  private async loaded(loads: Promise<void>[]): Promise<void> {
    let pending = loads.length;
    const all = Promise.allSettled(loads.map((p) => p.finally(() => pending--)));
    if (!(await this.until(() => pending === 0, LOAD_TIMEOUT_MS))) {
      throw new Error(`a worker did not finish loading your module within ${LOAD_TIMEOUT_MS / 1000} s (does its top-level code wait for something that never comes?)`);
    }
    for (const outcome of await all) if (outcome.status === "rejected") throw outcome.reason;
  }

  /** A worker ends: killed, crashed, failed to load or stopped. Its connections are lost. */
  private retire(slot: Slot, state: "killed" | "crashed" | "stopped", error?: string): void {
    slot.link?.kill();
    slot.link = null;
    slot.alive = false;
    this.emit({ kind: "worker", worker: slot.worker, state, ...(error !== undefined ? { error } : {}) });
    const why = state === "crashed" ? "worker crashed" : "worker killed";
    for (const [conn, client] of slot.conns) {
      this.emit({ kind: "lost", client: conn, worker: slot.worker, why });
      client.end({ code: 1006, reason: "", by: "server" });
    }
    slot.conns.clear();
    this.broker.closeAll(slot);
    this.causes.forget(slot.worker);
    slot.loading?.reject(new Error(`worker ${slot.worker} ${state} before it loaded your module${error ? `: ${error}` : ""}`));
    slot.loading = null;
  }

  private slotOf(worker: number): Slot {
    if (this.stopped) throw new Error("the cluster has stopped");
    const slot = this.slots[worker - 1];
    if (!Number.isInteger(worker) || !slot) throw new RangeError(`the cluster's workers are numbered 1 to ${this.workers}, not ${String(worker)}`);
    return slot;
  }

  // ---- connections ----

  private open(path: string, headers: [string, string][]): SimClient {
    if (this.stopped) throw new Error("the cluster has stopped");
    const worker = this.balancer.pick(this.slots);
    if (worker === null) throw new Error("no worker of the cluster is alive to take the connection");
    const slot = this.slots[worker - 1];
    const client = new SimClient(this, ++this.clientCount, worker, path);
    slot.conns.set(client.id, client);
    this.emit({ kind: "connect", client: client.id, worker, path });
    slot.post({ type: "open", conn: client.id, ...splitPath(path), headers });
    return client;
  }

  private emit(body: ClusterTraceBody): void {
    this.setup.trace?.({ t: this.now(), source: "cluster", cluster: this.setup.cluster ?? 1, ...body } as ClusterTrace);
  }
}
