// One worker of a cluster served over a MessagePort: what node-worker.ts runs in a real Web Worker
// and what Node tests run in-process (test-host.ts). Every message from the coordinator is read
// through readToNode (wire.ts) and handed to a ClusterNode; a macrotask after each batch it
// answers `idle` with how many it was handed, which is how the browser's transport
// (web-workers.ts) knows nothing is in flight.
//
// Batches, both ways: the coordinator may send an array of messages (web-workers.ts), read here one
// by one and counted one by one; and what the worker posts within one turn of its event loop
// leaves as one array, posted a macrotask later (or at OUTBOX_MAX messages), not one postMessage
// per frame: a broadcast to a worker's 1,250 clients is a handful of messages, not 1,250 (bench
// cluster.fanout). The outbox is always emptied before `idle` is posted, so `idle` still comes
// after everything its messages set off.
import { ClusterNode } from "./node.ts";
import { realClock, type Clock, type Evaluate } from "./transport.ts";
import type { FromNode } from "./protocol.ts";
import { readToNode } from "./read-message.ts";

export interface ServedNode {
  /** Reports an error that escaped learner code (a timer's, an unhandled rejection's) as the worker's console would. */
  report(text: string): void;
}

/** Messages posted in one array at most: the coordinator starts on the first ones while the worker makes the rest. */
export const OUTBOX_MAX = 512;

export function serveNode(port: MessagePort, evaluate: Evaluate, clock: Clock): ServedNode {
  let handled = 0;
  let idleScheduled = false;

  let outbox: FromNode[] = [];
  const flush = () => {
    if (outbox.length === 0) return;
    const batch = outbox;
    outbox = [];
    port.postMessage(batch);
  };
  // A macrotask that is not a timer (no clamping however deep the learner's timers nest): a message to ourselves.
  const wake = new MessageChannel();
  wake.port1.onmessage = flush;
  // In Node (test-host.ts) a port with a listener keeps the process alive: this one need not.
  (wake.port1 as { unref?: () => void }).unref?.();
  const post = (message: FromNode) => {
    outbox.push(message);
    if (outbox.length >= OUTBOX_MAX) flush();
    else if (outbox.length === 1) wake.port2.postMessage(null);
  };

  const node = new ClusterNode({ post, clock, evaluate });
  const take = (data: unknown) => {
    const message = readToNode(data);
    if (!message) return;
    handled++;
    node.handle(message);
  };
  port.onmessage = (event: MessageEvent) => {
    const data: unknown = event.data;
    if (Array.isArray(data)) for (const item of data as unknown[]) take(item);
    else take(data);
    if (idleScheduled) return;
    idleScheduled = true;
    setTimeout(() => {
      idleScheduled = false;
      flush();
      port.postMessage({ type: "idle", handled });
    }, 0);
  };
  return {
    report: (text) => post({ type: "console", level: "error", text }),
  };
}

/** Real time, as a Web Worker has it. */
export const workerClock: Clock = realClock(() => performance.now());
