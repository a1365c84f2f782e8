// The fanout half of the cluster bench: one broadcast reaching 10,000 clients.
//
// The page plays both the page and the sandbox: it creates the page's cluster host (host.ts, with
// the real spawner spawn-node.ts: each worker a real Web Worker from a blob: URL, SES locked down,
// the learner's module in a Compartment) and runs the coordinator (clusterModule from
// playground.ts, over web-workers.ts) on its own main thread, where a lesson runs it in the
// sandbox's worker. Fine for a bench: the coordinator talks to each worker over its own
// MessagePort either way, and the thread it runs on is as busy as the sandbox's would be. What
// differs: that thread is not locked down by SES here, and the trace goes into the sandbox's real
// TraceStream, whose batches are counted and dropped (not posted to a page).
//
//   fanout-ours  startCluster({ workers: 8 }) serving CHAT_REDIS (workers/cluster/testing/apps.ts):
//                a client's frame is published on the cluster's broker, every worker is subscribed
//                and sends what it hears to each of its own clients (1,250 each);
//   fanout-peer  startCluster({ workers: 1 }) serving CHAT_IN_MEMORY: the one worker loops over
//                its 10,000 clients itself.
//
// Each run: boot, connectMany(10,000), settle; one untimed broadcast (a cold JIT), then TIMED
// broadcasts, each from a different client, each followed by settle(). What is measured, with
// nothing added to the engine: the trace's own timestamps (the coordinator's clock) — from the
// `in` event (the coordinator took the client's send) to the last of the 10,000 `out` events (the
// coordinator handed the last frame to its client). settle()'s time, which adds the proof that
// nothing is left in flight (every worker's `idle` count and two quiet turns), is kept beside it.
import type { TraceEvent } from "../../workers/trace";
import { createClusterHost } from "../../workers/cluster/host";
import { LEARNER_FILE } from "../../workers/cluster/node";
import { clusterModule } from "../../workers/cluster/playground";
import { createNodeWorker } from "../../workers/cluster/spawn-node";
import { CHAT_IN_MEMORY, CHAT_REDIS } from "../../workers/cluster/testing/apps";
import type { ClusterTrace } from "../../workers/cluster/trace";
import { TraceStream } from "../../workers/sandbox/trace-stream";
import { transpile } from "../../workers/sandbox/transpile";
import type { Broadcast, FanoutResult } from "./messages";

export const CLIENTS = 10_000;
const TIMED = 3;

export function fanoutRun(mode: "fanout-ours" | "fanout-peer"): () => Promise<FanoutResult> {
  return async () => {
    const workers = mode === "fanout-ours" ? 8 : 1;
    const code = transpile(mode === "fanout-ours" ? CHAT_REDIS : CHAT_IN_MEMORY, LEARNER_FILE);
    const host = createClusterHost({ spawn: (name) => createNodeWorker(name) });
    const prepared = await host.prepareRun({ timeoutMs: 120_000, datasets: [] });
    const start = performance.now();
    const now = () => performance.now() - start;
    let traced = 0;
    const stream = new TraceStream({ now, onBatch: (batch) => (traced += batch.events.length) });
    // The events of the broadcast being timed, kept aside (the rest only go to the stream).
    let watching: string | null = null;
    let seen: ClusterTrace[] = [];
    const trace = (event: TraceEvent) => {
      stream.push(event);
      if (watching !== null && event.source === "cluster" && "text" in event && event.text === watching) seen.push(event);
    };
    const api = clusterModule({ now, trace, learnerCode: () => code, port: (name) => (name === "cluster" ? prepared.port : undefined) });
    try {
      const t0 = performance.now();
      const cluster = await api.startCluster({ workers });
      const bootMs = performance.now() - t0;
      const t1 = performance.now();
      const clients = cluster.connectMany(CLIENTS);
      await cluster.settle();
      const connectMs = performance.now() - t1;
      const notAccepted = clients.filter((c) => !c.accepted).length;
      if (notAccepted) throw new Error(`${notAccepted} of ${CLIENTS} clients were not accepted`);

      const broadcast = async (n: number): Promise<Broadcast> => {
        const text = `broadcast ${n}`;
        watching = text;
        seen = [];
        const sentAt = performance.now();
        clients[(n * 1237) % CLIENTS].send(text);
        await cluster.settle();
        const settledMs = performance.now() - sentAt;
        watching = null;
        const of = (kind: ClusterTrace["kind"]) => seen.filter((e) => e.kind === kind);
        const inAt = of("in")[0]?.t;
        const outs = of("out");
        if (inAt === undefined || outs.length !== CLIENTS) throw new Error(`${text}: ${outs.length} of ${CLIENTS} frames out`);
        const perWorker = (pick: (ts: number[]) => number) =>
          Array.from({ length: workers }, (_, i) => pick(outs.filter((e) => "worker" in e && e.worker === i + 1).map((e) => e.t - inAt)));
        return {
          reachedMs: Math.max(...outs.map((e) => e.t)) - inAt,
          settledMs,
          deliveryMs: of("delivery").map((e) => e.t - inAt),
          firstOutMs: perWorker((ts) => Math.min(...ts)),
          lastOutMs: perWorker((ts) => Math.max(...ts)),
        };
      };

      const warmup = await broadcast(0);
      const timed: Broadcast[] = [];
      for (let n = 1; n <= TIMED; n++) timed.push(await broadcast(n));
      const reachedAll = clients.filter((c) => c.received.length === TIMED + 1 && c.received.at(-1) === `broadcast ${TIMED}`).length;
      await cluster.stop();
      stream.flush();
      return { mode, workers, clients: CLIENTS, reachedAll, bootMs, connectMs, warmup, timed, traced };
    } finally {
      await prepared.finish();
    }
  };
}
