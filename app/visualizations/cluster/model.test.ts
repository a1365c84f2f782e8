import { describe, expect, it } from "vitest";
import type { TraceEvent } from "../../../workers/trace";
import { clusterCache, clustersIndex, clustersOf, readCluster, shownCluster, shownUntil } from "./model";
import { connectionLosses, fatesOf, fateSentence, messageLosses, lossGroupSentence, neverLeftMarks } from "./messages";
import { busyCluster, inMemoryCluster, pubSubCluster, Script, syntheticRun } from "./testing/synthetic";

const HOP = 10;
const all: TraceEvent[] = syntheticRun();
const [first, second] = clustersOf(all);
const atEnd = (info = second) => readCluster(info, all.length, HOP);
/** How many events had happened once the first event matching `match` had. */
const after = (match: (e: TraceEvent) => boolean) => all.findIndex(match) + 1;

describe("the cluster picture's clusters", () => {
  it("finds each cluster of the run with its workers and clients, for a layout that does not move", () => {
    expect(clustersOf(all).map((c) => [c.cluster, c.workers, c.clients.length, c.usesBroker, c.balancer])).toEqual([
      [1, 4, 24, false, "round-robin"],
      [2, 4, 27, true, "round-robin"],
    ]);
    expect(first.clients.slice(0, 5).map((c) => c.worker)).toEqual([1, 2, 3, 4, 1]);
  });

  it("shows the last cluster begun by the playhead, none before the first", () => {
    expect(shownCluster(clustersOf(all), 0)).toBeNull();
    expect(shownCluster(clustersOf(all), 1)?.cluster).toBe(1);
    expect(shownCluster(clustersOf(all), second.beginsAt)?.cluster).toBe(1);
    expect(shownCluster(clustersOf(all), second.beginsAt + 1)?.cluster).toBe(2);
  });

  it("picks a cluster by the playhead: just after its last event before the next cluster begins", () => {
    const clusters = clustersOf(all);
    const end1 = shownUntil(clusters, clusters[0]);
    expect(end1).toBe(first.last);
    expect(shownCluster(clusters, all.indexOf(end1) + 1)).toBe(clusters[0]);
    expect(shownUntil(clusters, clusters[1])).toBe(all.at(-1));
    // Cluster 1 still reporting after cluster 2 began: its picker entry stops where cluster 2 begins.
    const late = { ...first.last, t: 999.5 } as TraceEvent;
    const mixed = clustersOf([...all, late]);
    const until = shownUntil(mixed, mixed[0]);
    expect(mixed[0].indexes[mixed[0].events.indexOf(until)]).toBeLessThan(mixed[1].beginsAt);
  });

  it("takes a cluster without a start event from its events", () => {
    const noStart = inMemoryCluster().filter((e) => e.kind !== "start");
    const [info] = clustersOf(noStart);
    expect([info.workers, info.beginsAt, info.balancer]).toEqual([4, 0, null]);
  });
});

describe("the cluster picture's state at the playhead", () => {
  it("counts each worker's connections and frames, and each client's connection", () => {
    const now = readCluster(first, first.indexes.at(-1)! + 1, HOP);
    expect(now.workers.map((w) => [w.worker, w.status, w.connections, w.framesIn, w.framesOut])).toEqual([
      [1, "up", 6, 2, 12],
      [2, "up", 6, 2, 12],
      [3, "up", 6, 1, 6],
      [4, "up", 6, 1, 6],
    ]);
    expect(now.clients.every((c) => c.status === "open")).toBe(true);
    expect(now.broker).toEqual({ publishes: 0, deliveries: 0, zeroReceivers: 0, channels: [] });
  });

  it("shows clients that have not connected yet, then connecting, then open", () => {
    const connect = all.findIndex((e) => e.source === "cluster" && e.kind === "connect" && e.client === 1 && e.cluster === 1);
    expect(readCluster(first, connect, HOP).clients[0].status).toBe("not yet");
    expect(readCluster(first, connect + 1, HOP).clients[0].status).toBe("connecting");
    expect(readCluster(first, connect + 2, HOP).clients[0].status).toBe("open");
  });

  it("tells each way a connection ends: closed 4001 and 4002 by the app, refused 403, lost 1006 with a killed worker, vanished then reaped", () => {
    const now = atEnd();
    const c = (n: number) => now.clients.find((x) => x.client === n)!;
    expect(c(25)).toMatchObject({ status: "closed", code: 4001, by: "server", reason: "not authenticated" });
    expect(c(26)).toMatchObject({ status: "closed", code: 4002 });
    expect(c(27)).toMatchObject({ status: "rejected", code: 403 });
    expect(c(3)).toMatchObject({ status: "lost", code: 1006, why: "worker killed", worker: 3 });
    expect(c(2)).toMatchObject({ status: "lost", why: "ping timeout", vanished: true });
    expect(now.clients.filter((x) => x.status === "lost").map((x) => x.client)).toEqual([2, 3, 7, 11, 15, 19, 23]);
    expect(now.workers[2]).toMatchObject({ status: "up", downs: 1, connections: 0 });
    expect(now.broker).toMatchObject({ publishes: 11, deliveries: 39, zeroReceivers: 1, channels: ["chat"] });
    // In words, for the list of losses: those that ended the same way on one worker together.
    expect(connectionLosses(now.clients)).toEqual([
      "Client 2 on worker 2: connection lost (1006), ping timeout; it had vanished without a word.",
      "Clients 3, 7, 11, 15, 19, 23 on worker 3: connection lost (1006), worker killed.",
      "Client 25 on worker 1: closed by the app with 4001 “not authenticated”.",
      "Client 26 on worker 2: closed by the app with 4002 “authentication timed out”.",
      "Client 27 on worker 3: handshake refused with HTTP 403.",
    ]);
  });

  it("keeps a vanished client's socket on its worker until the heartbeat reaps it", () => {
    const vanish = after((e) => e.source === "cluster" && e.kind === "vanish");
    const now = readCluster(second, vanish, HOP);
    expect(now.clients[1]).toMatchObject({ status: "vanished", code: 1006 });
    expect(now.workers[1].connections).toBe(7); // six clients and the silent socket, client 2 among them
    expect(readCluster(second, all.length, HOP).workers[1].connections).toBe(5);
  });
});

describe("the cluster picture's frames in flight", () => {
  it("schedules each hop after the hop that brought the message: in, publish, delivery, out", () => {
    const now = atEnd();
    const hops = now.segments.filter((s) => s.msg === 4);
    const of = (kind: string) => hops.filter((s) => s.kind === kind);
    expect(hops.map((s) => s.kind).slice(0, 3)).toEqual(["in", "publish", "delivery"]);
    const [arrive] = of("in");
    const [publish] = of("publish");
    expect(publish.start).toBe(arrive.end);
    for (const d of of("delivery")) expect(d.start).toBe(publish.end);
    const delivery1 = of("delivery").find((d) => d.worker === 1)!;
    for (const o of of("out").filter((o) => o.worker === 1)) expect(o.start).toBe(delivery1.end);
    for (const s of hops) expect(s.end - s.start).toBe(HOP);
    expect(of("out")).toHaveLength(25);
  });

  it("marks where frames were lost: at the client, at the broker, at a killed worker, at the edge of the worker they never left", () => {
    const now = atEnd();
    expect(now.marks.map((m) => [m.kind, m.worker, m.client])).toEqual([
      ["no-receivers", 1, null],
      ["undelivered", 2, 2],
      ["undelivered", 2, 2],
      ["down", 3, null],
      ["undelivered", 2, 2],
    ]);
    const inMemory = readCluster(first, all.length, HOP);
    expect(neverLeftMarks(fatesOf(inMemory)).map((m) => [m.worker, m.msg])).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 4],
      [1, 5],
      [2, 6],
    ]);
  });
});

describe("the cluster picture's messages", () => {
  it("counts who a broadcast from memory reached: only the sender's worker's clients", () => {
    const fates = fatesOf(readCluster(first, all.length, HOP));
    expect(fates.map((f) => [f.connected, f.reached, f.missed])).toEqual(Array(6).fill([24, 6, 18]));
    expect(fateSentence(fates[0], Infinity)).toBe("Message 1 from client 1 on worker 1 reached 6 of 24 clients (18 missed: never left worker 1).");
    expect(messageLosses(fates, Infinity).map(lossGroupSentence)).toEqual([
      "2 messages, 36 clients missed: never left worker 1.",
      "2 messages, 36 clients missed: never left worker 2.",
      "1 message, 18 clients missed: never left worker 3.",
      "1 message, 18 clients missed: never left worker 4.",
    ]);
  });

  it("tells a publish to 0 receivers, a frame that is not passed on, one sent to a vanished client and a worker killed holding it", () => {
    const fates = fatesOf(atEnd());
    const sentence = (msg: number) => fateSentence(fates.find((f) => f.sent.msg === msg)!, Infinity);
    expect(sentence(1)).toBe("Message 1 from client 1 on worker 1 reached 0 of 24 clients (24 missed: published to 0 receivers).");
    expect(sentence(2)).toBe("Message 2 from client 25 on worker 1 was not passed on to any client.");
    expect(sentence(3)).toBe("Message 3 from client 2 on worker 2 reached all 25 clients.");
    expect(sentence(9)).toBe("Message 9 from client 5 on worker 1 reached all 24 clients. 1 frame carrying it was lost on the way to a client already gone.");
    expect(sentence(10)).toBe("Message 10 from client 6 on worker 2 reached 18 of 24 clients (6 missed: worker 3 killed). 1 frame carrying it was lost on the way to a client already gone.");
    // The kill came long after message 1's publish: that is not why message 1 was lost.
    expect(messageLosses(fates, Infinity).map(lossGroupSentence)).toEqual(["1 message, 24 clients missed: published to 0 receivers.", "1 message, 6 clients missed: worker 3 killed."]);
  });

  it("says a message is on its way while a hop of it is still travelling", () => {
    const inAt = after((e) => e.source === "cluster" && e.cluster === 2 && e.kind === "in" && e.msg === 3);
    const now = readCluster(second, inAt, HOP);
    const sent = now.sent.find((s) => s.msg === 3)!;
    expect(fateSentence(fatesOf(now).find((f) => f.sent.msg === 3)!, sent.t + 1)).toBe("Message 3 from client 2 on worker 2 is on its way to worker 2.");
    const later = readCluster(second, inAt + 3, HOP);
    expect(fateSentence(fatesOf(later).find((f) => f.sent.msg === 3)!, sent.t + 1)).toBe("Message 3 from client 2 on worker 2 is on its way: it reached 0 of 25 clients so far.");
  });

  it("tells a frame out the client missed because it closed between the send and the frame", () => {
    const s = new Script({ workers: 2 });
    s.start();
    const [a, b] = [s.connect(), s.connect()];
    s.subscribeAll();
    s.emit({ kind: "in", client: a, worker: 1, msg: 1, text: "hi" }, 5);
    s.emit({ kind: "close", client: b, worker: 2, code: 1000, reason: "", by: "client" }, 1);
    s.emit({ kind: "out", client: a, worker: 1, msg: 1, text: "hi", delivered: true }, 1);
    s.emit({ kind: "out", client: b, worker: 2, msg: 1, text: "hi", delivered: false }, 1);
    const [info] = clustersOf(s.events);
    const [fate] = fatesOf(readCluster(info, s.events.length, HOP));
    expect(fateSentence(fate, Infinity)).toBe("Message 1 from client 1 on worker 1 reached 1 of 2 clients (1 missed: worker 2 sent it after the client had gone).");
  });
});

describe("the cluster picture's model at scale", () => {
  it("reads on from where it stopped while the playhead moves forward, and again from the start when it goes back", () => {
    const read = clusterCache();
    const fresh = (count: number) => readCluster(second, count, HOP);
    for (const count of [second.beginsAt + 5, second.beginsAt + 60, all.length, second.beginsAt + 30, all.length]) {
      expect(read(second, count, HOP)).toEqual(fresh(count));
    }
    // A trace that grew (a live run): the same cluster, read on.
    const grown = clustersOf([...all, ...pubSubCluster({ t0: 2000 }).slice(0, 40).map((e) => ({ ...e, cluster: 2 }))])[1];
    expect(read(grown, all.length + 40, HOP).count).toBe(grown.events.length);
  });

  it("reads a busy cluster's whole trace quickly", () => {
    const trace = [...busyCluster({ workers: 16, clients: 600, messages: 300 }), ...pubSubCluster({ t0: 5000 })];
    const clusters = clustersOf(trace);
    const started = performance.now();
    const now = readCluster(clusters[0], trace.length, HOP);
    const fates = fatesOf(now);
    const ms = performance.now() - started;
    expect(now.segments.length).toBeGreaterThan(180_000);
    expect(fates.every((f) => f.missed === 0)).toBe(true);
    expect(ms).toBeLessThan(2000);
  });
});

describe("the clusters of a trace that grows while a run streams", () => {
  const plain = (infos: ReturnType<typeof clustersOf>) => infos.map((c) => ({ ...c, events: c.events.length, indexes: [...c.indexes] }));
  it("reads only what arrived, and gives what clustersOf gives at every length", () => {
    const index = clustersIndex();
    for (let n = 0; n <= all.length; n += 7) expect(plain(index(all.slice(0, n)))).toEqual(plain(clustersOf(all.slice(0, n))));
    expect(plain(index(all))).toEqual(plain(clustersOf(all)));
  });
  it("starts over when the trace is not the last one grown (a new run, an event merged in before the end)", () => {
    const index = clustersIndex();
    index(all);
    const other = [all[5], ...all.slice(0, 5), ...all.slice(6)];
    expect(plain(index(other))).toEqual(plain(clustersOf(other)));
    expect(plain(index(all.slice(0, 10)))).toEqual(plain(clustersOf(all.slice(0, 10))));
  });
});
