// The cluster as the browser runs it, in Node: the page's host (host.ts) starting workers that
// serve a ClusterNode over real MessagePorts (test-host.ts, serve-node.ts), the sandbox's
// transport (web-workers.ts) asking for them over the run's port, real time, and every message
// read at both ends (read-message.ts). What the one-thread tests show in virtual time holds here.
import { afterEach, describe, expect, it } from "vitest";
import { transpile } from "../sandbox/transpile.ts";
import type { TraceEvent } from "../trace.ts";
import { LEARNER_FILE } from "./node.ts";
import { clusterModule } from "./playground.ts";
import { createClusterTestHost, type ClusterTestHost } from "./test-host.ts";
import { CHAT_IN_MEMORY, CHAT_REDIS } from "./testing/apps.ts";
import type { ClusterTrace } from "./trace.ts";

let booted: ClusterTestHost | null = null;
afterEach(async () => {
  await booted?.close();
  booted = null;
});

async function run(learner: string) {
  booted = createClusterTestHost();
  const host = booted.host;
  const prepared = await host.prepareRun({ timeoutMs: 30_000, datasets: [] });
  const trace: TraceEvent[] = [];
  const start = performance.now();
  const api = clusterModule({
    now: () => performance.now() - start,
    trace: (e) => trace.push(e),
    learnerCode: () => transpile(learner, LEARNER_FILE),
    port: (name) => (name === "cluster" ? prepared.port : undefined),
  });
  const events = () => trace.filter((e): e is ClusterTrace => e.source === "cluster");
  return { api, host, prepared, events };
}

describe("a cluster on the browser's transport (in-process workers over MessagePorts)", () => {
  it("in memory, a broadcast stays on its worker; through the broker it reaches every worker", async () => {
    for (const [app, reached] of [[CHAT_IN_MEMORY, 2], [CHAT_REDIS, 8]] as const) {
      const { api, prepared } = await run(app);
      const cluster = await api.startCluster({ workers: 4 });
      const clients = [];
      for (let i = 0; i < 8; i++) clients.push(cluster.connect());
      await cluster.settle();
      expect(new Set(clients.map((c) => c.worker))).toEqual(new Set([1, 2, 3, 4]));
      clients[0].send("hello");
      await cluster.settle();
      expect(clients.filter((c) => c.received.includes("hello")).length).toBe(reached);
      await cluster.stop();
      await prepared.finish();
    }
  });

  it("a worker killed from the page loses its clients (1006) and is traced as killed; the others keep chatting; restarted from the page, it serves again", async () => {
    const { api, host, events, prepared } = await run(CHAT_REDIS);
    const cluster = await api.startCluster({ workers: 3 });
    const clients = [];
    for (let i = 0; i < 6; i++) clients.push(cluster.connect());
    await cluster.settle();
    expect(host.state.getState().workers).toEqual([1, 2, 3].map((worker) => ({ worker, alive: true })));
    host.killWorker(2);
    await cluster.settle();
    await new Promise((resolve) => setTimeout(resolve, 20));
    for (const c of clients) expect(c.closed?.code ?? null).toBe(c.worker === 2 ? 1006 : null);
    expect(events().filter((e) => e.kind === "worker" && e.worker === 2).map((e) => e.kind === "worker" && e.state)).toEqual(["started", "killed"]);
    expect(host.state.getState().workers.find((w) => w.worker === 2)?.alive).toBe(false);
    const alive = clients.filter((c) => c.worker !== 2);
    alive[0].send("still here");
    await cluster.settle();
    expect(alive.every((c) => c.received.includes("still here"))).toBe(true);
    // Restarted from the page: worker 2 imports the module afresh and takes connections again.
    host.restartWorker(2);
    for (let i = 0; i < 50 && !host.state.getState().workers.find((w) => w.worker === 2)?.alive; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    await cluster.settle();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await cluster.settle();
    expect(cluster.stats().find((w) => w.worker === 2)?.alive).toBe(true);
    const late = [cluster.connect(), cluster.connect(), cluster.connect()];
    await cluster.settle();
    expect(late.map((c) => c.worker)).toContain(2);
    late[0].send("back again");
    await cluster.settle();
    expect([...alive, ...late].every((c) => c.received.includes("back again"))).toBe(true);
    expect(events().filter((e) => e.kind === "worker" && e.worker === 2).map((e) => e.kind === "worker" && e.state)).toEqual(["started", "killed", "started"]);
    await prepared.finish();
    expect(host.state.getState().running).toBe(false);
  });

  it("a second cluster of the same run gets workers of its own; the run's end terminates them all", async () => {
    const { api, prepared, host } = await run(CHAT_IN_MEMORY);
    const first = await api.startCluster({ workers: 2 });
    const a = first.connect();
    const second = await api.startCluster({ workers: 2 });
    const b = second.connect();
    await first.settle();
    await second.settle();
    a.send("first");
    b.send("second");
    await second.settle();
    await first.settle();
    expect(a.received).toEqual(["first"]);
    expect(b.received).toEqual(["second"]);
    await prepared.finish();
    expect(host.state.getState().workers.every((w) => !w.alive)).toBe(true);
  });
});
