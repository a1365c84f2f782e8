// The viz bench's synthetic run (trace events of workers/cluster/trace.ts, as a coordinator would
// emit them): a cluster of VIZ_WORKERS workers serving a Redis pub/sub chat, VIZ_CLIENTS clients
// connected round-robin, then a steady flow of VIZ_RATE client messages per second of the run's
// clock, each published on the broker, delivered to every worker and sent on by each to its
// clients — 1 in + 1 publish + 8 deliveries + 16 outs = 26 events a message, 26,000 events a
// second. Every hop of a message happens within the millisecond it was sent, so the events come
// in time order.

export const VIZ_WORKERS = 8;
export const VIZ_CLIENTS = 16;
/** Client messages per second. */
export const VIZ_RATE = 1000;
/** Frames are counted for VIZ_WINDOW_MS after VIZ_WARMUP_MS of the flow. */
export const VIZ_WARMUP_MS = 1000;
export const VIZ_WINDOW_MS = 5000;
/** When the first message is sent, on the run's clock: after the cluster started and its clients connected. */
const FLOW_STARTS_AT = 20;

import type { ClusterTrace, ClusterTraceBody } from "../../workers/cluster/trace";

const workerOf = (client: number) => ((client - 1) % VIZ_WORKERS) + 1;

export class Flow {
  /** Messages emitted so far. */
  messages = 0;
  private started = false;

  /** Every event up to run time `now` not emitted yet, in time order. */
  until(now: number): ClusterTrace[] {
    const out: ClusterTrace[] = [];
    const emit = (t: number, body: ClusterTraceBody) => out.push({ t, source: "cluster", cluster: 1, ...body } as ClusterTrace);
    if (!this.started) {
      this.started = true;
      emit(0, { kind: "start", workers: VIZ_WORKERS, balancer: "round-robin", pingIntervalMs: null });
      for (let w = 1; w <= VIZ_WORKERS; w++) emit(w, { kind: "worker", worker: w, state: "started" });
      for (let c = 1; c <= VIZ_CLIENTS; c++) {
        emit(10 + c * 0.5, { kind: "connect", client: c, worker: workerOf(c), path: "/ws" });
        emit(10.2 + c * 0.5, { kind: "accept", client: c, worker: workerOf(c) });
      }
    }
    for (;;) {
      const t = FLOW_STARTS_AT + (this.messages * 1000) / VIZ_RATE;
      if (t > now) break;
      const msg = ++this.messages;
      const client = ((msg * 7) % VIZ_CLIENTS) + 1;
      const worker = workerOf(client);
      const text = `message ${msg} from client ${client}`;
      emit(t, { kind: "in", client, worker, msg, text });
      emit(t + 0.05, { kind: "publish", worker, channel: "chat", msg, text, receivers: VIZ_WORKERS });
      for (let w = 1; w <= VIZ_WORKERS; w++) emit(t + 0.1 + w * 0.01, { kind: "delivery", worker: w, channel: "chat", msg, text });
      for (let c = 1; c <= VIZ_CLIENTS; c++) emit(t + 0.2 + c * 0.01, { kind: "out", client: c, worker: workerOf(c), msg, text, delivered: true });
    }
    return out;
  }
}
