// The page's side of the cluster, as a hosted engine (docs/architecture.md, "Hosted engines"):
// real Web Workers, one per worker of the learner's cluster, started when the run's coordinator
// (in the sandbox: web-workers.ts) asks, each handed a port straight to the coordinator so no
// frame passes through the page. The host only starts and ends workers: when the run ends every
// worker of it is terminated, and the learner may kill one from the page (ClusterStatus).
//
// What it starts as a worker is passed in: the page's host (page-host.ts, kept apart so Node can
// import this file without Vite's worker import) starts node-worker.ts from a blob: URL, as the
// sandbox is started, so the page's CSP binds it; Node tests (test-host.ts) serve a worker
// in-process over a MessageChannel with the same serveNode.
import { createStore, type StoreApi } from "zustand/vanilla";
import type { HostedEngine, PreparedRun } from "../sandbox/hosted-engines.ts";
import { MAX_SPAWNS_PER_RUN, readToHost, type FromHost } from "./host-protocol.ts";

/** A started worker: it takes the port to the coordinator in an `attach` message. */
export interface NodeWorkerLike {
  postMessage(message: { type: "attach" }, transfer: Transferable[]): void;
  terminate(): void;
}

export interface ClusterHostState {
  /** The workers of the run's latest cluster, by their number in it, and whether each is alive. */
  workers: { worker: number; alive: boolean }[];
  running: boolean;
}

export interface ClusterHost extends HostedEngine<ClusterHostState> {
  /** Ends worker `worker` of the run's latest cluster, as `kill -9` would: its clients see 1006. */
  killWorker(worker: number): void;
  /** Asks the run's coordinator to start worker `worker` afresh (your module imported again). */
  restartWorker(worker: number): void;
}

export interface ClusterHostOptions {
  spawn: (name: string) => NodeWorkerLike;
}

interface Node {
  worker: number;
  process: NodeWorkerLike;
  alive: boolean;
}

interface Run {
  port: MessagePort;
  /** Every Web Worker the run started, by node number, in the order started. */
  nodes: Map<number, Node>;
  closed: boolean;
}

export function createClusterHost({ spawn }: ClusterHostOptions): ClusterHost {
  const state: StoreApi<ClusterHostState> = createStore<ClusterHostState>(() => ({ workers: [], running: false }));
  let current: Run | null = null;

  /** The node now holding each worker number: the one started last (a restart, or a later cluster of the run). */
  const latest = (run: Run) => {
    const byWorker = new Map<number, [number, Node]>();
    for (const entry of run.nodes) byWorker.set(entry[1].worker, entry);
    return byWorker;
  };

  const publish = (run: Run) => {
    if (run !== current) return;
    const workers = [...latest(run).values()].map(([, n]) => ({ worker: n.worker, alive: n.alive && !run.closed })).sort((a, b) => a.worker - b.worker);
    state.setState({ running: !run.closed, workers });
  };

  const reply = (run: Run, message: FromHost, transfer: Transferable[] = []) => {
    if (!run.closed) run.port.postMessage(message, transfer);
  };

  const end = (run: Run, id: number) => {
    const node = run.nodes.get(id);
    if (!node || !node.alive) return;
    node.alive = false;
    node.process.terminate();
  };

  const start = (run: Run, id: number, worker: number) => {
    if (run.nodes.has(id)) return;
    if (run.nodes.size >= MAX_SPAWNS_PER_RUN) {
      reply(run, { type: "spawn-failed", node: id, message: `A run may start at most ${MAX_SPAWNS_PER_RUN} workers (restarts included)` });
      return;
    }
    let process: NodeWorkerLike;
    try {
      process = spawn(`cluster worker ${worker}`);
    } catch (e) {
      reply(run, { type: "spawn-failed", node: id, message: `The browser could not start a worker: ${(e as Error).message}` });
      return;
    }
    const channel = new MessageChannel();
    process.postMessage({ type: "attach" }, [channel.port1]);
    run.nodes.set(id, { worker, process, alive: true });
    reply(run, { type: "spawned", node: id }, [channel.port2]);
    publish(run);
  };

  const host: ClusterHost = {
    name: "cluster",
    label: "The cluster",
    state,
    runWaitsFor: () => null,
    // Nothing to build ahead: a worker starts in tens of milliseconds, when a run asks for it.
    start: async () => {},
    async prepareRun(): Promise<PreparedRun> {
      const channel = new MessageChannel();
      const run: Run = { port: channel.port1, nodes: new Map(), closed: false };
      current = run;
      state.setState({ workers: [], running: true });
      run.port.onmessage = (event: MessageEvent) => {
        const message = readToHost(event.data);
        if (!message || run.closed) return;
        if (message.type === "spawn") start(run, message.node, message.worker);
        else {
          end(run, message.node);
          publish(run);
        }
      };
      return {
        port: channel.port2,
        failure: new Promise<string>(() => {}),
        async finish() {
          run.closed = true;
          for (const id of run.nodes.keys()) end(run, id);
          run.port.close();
          publish(run);
        },
      };
    },
    killWorker(worker) {
      const run = current;
      const [id, node] = (run && latest(run).get(worker)) ?? [];
      if (!run || run.closed || id === undefined || !node?.alive) return;
      end(run, id);
      reply(run, { type: "killed", node: id });
      publish(run);
    },
    restartWorker(worker) {
      const run = current;
      const [id] = (run && latest(run).get(worker)) ?? [];
      if (run && !run.closed && id !== undefined) reply(run, { type: "restart", node: id });
    },
  };
  return host;
}

