// The cluster's transport on real Web Workers (the browser; transport.ts is the seam). The
// coordinator runs in the run's sandbox; each worker is a Web Worker the page's cluster host
// (host.ts) starts when asked over the run's `cluster` port, and the host hands back a port
// straight to that worker. Time is the real clock.
//
// settle() — "nothing is in flight" — is decided from counts, not from a guess at a quiet period:
// a worker's host script (serve-node.ts) answers `idle` with the number of messages it has been
// handed, a macrotask after handing them over (so their synchronous work and the promise jobs it
// queued have run). The cluster is settled when every live worker has acknowledged every message
// sent to it and no message has arrived from a worker during two turns of the event loop in a row.
//
// Both ways, messages travel in batches — one array per turn (serve-node.ts) or per run of
// synchronous posts (NodeLink.post here) instead of one postMessage per frame — and are counted
// one by one, so `sent`, `handled` and the arrivals settle() watches mean messages, not batches.
import { realClock, type ClusterTransport, type NodeLink } from "./transport.ts";
import type { FromNode, ToNode } from "./protocol.ts";
import { readFromHost } from "./host-protocol.ts";
import { readIdle } from "./read-message.ts";

interface Link {
  port: MessagePort | null;
  queue: ToNode[];
  sent: number;
  acked: number;
  alive: boolean;
  onMessage: (message: FromNode) => void;
  onCrash: (error: string, how?: "crashed" | "killed") => void;
  onRestart: () => void;
}

/** The run's port to the page's cluster host, shared by every cluster of the run. */
export class HostChannel {
  private readonly links = new Map<number, Link>();
  private nextNode = 1;
  /** Messages that arrived from any worker: settle() watches it move. */
  arrivals = 0;

  constructor(private readonly host: MessagePort) {
    host.onmessage = (event: MessageEvent) => {
      const message = readFromHost(event.data, event.ports);
      const link = message && this.links.get(message.node);
      if (!message || !link) return;
      // A killed worker may be restarted: the coordinator starts a new one in its place.
      if (message.type === "restart") return link.onRestart();
      if (!link.alive) return;
      if (message.type === "spawned") this.attach(link, event.ports[0]);
      else {
        link.alive = false;
        link.port?.close();
        if (message.type === "killed") link.onCrash("killed from the page", "killed");
        else link.onCrash(message.message);
      }
    };
  }

  private attach(link: Link, port: MessagePort): void {
    link.port = port;
    port.onmessage = (event: MessageEvent) => {
      const data: unknown = event.data;
      // A worker posts what it sent in one turn as one array (serve-node.ts): each counts as a message.
      for (const item of Array.isArray(data) ? (data as unknown[]) : [data]) {
        if (!link.alive) return;
        this.arrivals++;
        const handled = readIdle(item);
        if (handled !== null) link.acked = handled;
        // Everything else is read by the coordinator (read-message.ts) before it acts on it.
        else link.onMessage(item as FromNode);
      }
    };
    for (const message of link.queue.splice(0)) port.postMessage(message);
  }

  open(worker: number, onMessage: Link["onMessage"], onCrash: Link["onCrash"], onRestart: Link["onRestart"]): { link: Link; node: number } {
    const node = this.nextNode++;
    const link: Link = { port: null, queue: [], sent: 0, acked: 0, alive: true, onMessage, onCrash, onRestart };
    this.links.set(node, link);
    this.host.postMessage({ type: "spawn", node, worker });
    return { link, node };
  }

  kill(node: number): void {
    const link = this.links.get(node);
    if (!link || !link.alive) return;
    link.alive = false;
    link.port?.close();
    this.host.postMessage({ type: "kill", node });
  }

  /** Every live worker has acknowledged everything sent to it. */
  caughtUp(): boolean {
    for (const link of this.links.values()) if (link.alive && (link.port === null || link.acked < link.sent)) return false;
    return true;
  }
}

const channels = new WeakMap<MessagePort, HostChannel>();

/** The run's one HostChannel on its `cluster` port, shared by its clusters and by playground/tasks's measureWorkers. */
export function hostChannelOf(port: MessagePort): HostChannel {
  let channel = channels.get(port);
  if (!channel) channels.set(port, (channel = new HostChannel(port)));
  return channel;
}

const turn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** One cluster's transport: its clock counts from now on `runNow` (the run's clock). */
export function webWorkerTransport(channel: HostChannel, runNow: () => number): ClusterTransport {
  const start = runNow();
  const clock = realClock(() => runNow() - start);
  return {
    clock,
    spawn(worker, onMessage, onCrash = () => {}, onRestart = () => {}): NodeLink {
      const { link, node } = channel.open(worker, onMessage, onCrash, onRestart);
      // What the coordinator posts to the worker in one go (connectMany's opens, a loop of sends)
      // leaves as one array at the end of it, a microtask later; `sent` still counts messages.
      let outbox: ToNode[] = [];
      const flush = () => {
        const batch = outbox;
        outbox = [];
        if (link.alive && link.port) link.port.postMessage(batch.length === 1 ? batch[0] : batch);
      };
      return {
        post(message) {
          if (!link.alive) return;
          link.sent++;
          if (!link.port) link.queue.push(message);
          else if (outbox.push(message) === 1) queueMicrotask(flush);
        },
        kill: () => channel.kill(node),
      };
    },
    async settle() {
      let quiet = 0;
      while (quiet < 2) {
        const before = channel.arrivals;
        await turn();
        quiet = channel.caughtUp() && channel.arrivals === before ? quiet + 1 : 0;
      }
    },
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
}
