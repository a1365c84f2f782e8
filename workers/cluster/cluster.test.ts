// The cluster engine's acceptance: a WebSocket app in four workers behind a load balancer, with
// simulated clients and one Redis as the broker, in virtual time on one thread.
import { describe, expect, it } from "vitest";
import { AUTH, CHAT_IN_MEMORY, CHAT_REDIS, ECHO, QUIET } from "./testing/apps.ts";
import { start } from "./testing/harness.ts";

describe("a chat room in four workers", () => {
  it("with an in-memory connection manager, a broadcast reaches only the clients of the sender's worker", async () => {
    const { cluster, events } = await start(CHAT_IN_MEMORY, { workers: 4 });
    const clients = cluster.connectMany(8);
    await cluster.settle();
    expect(clients.map((c) => c.worker)).toEqual([1, 2, 3, 4, 1, 2, 3, 4]);

    clients[0].send("hello");
    await cluster.settle();

    const reached = clients.filter((c) => c.received.includes("hello")).map((c) => c.id);
    expect(reached).toEqual([1, 5]);
    expect(events("out").map((e) => [e.client, e.worker, e.msg, e.delivered])).toEqual([
      [1, 1, 1, true],
      [5, 1, 1, true],
    ]);
  });

  it("with Redis pub/sub, a broadcast reaches every client", async () => {
    const { cluster, events } = await start(CHAT_REDIS, { workers: 4 });
    const clients = cluster.connectMany(8);
    await cluster.settle();

    clients[2].send("hello everyone");
    await cluster.settle();

    expect(clients.every((c) => c.received.join() === "hello everyone")).toBe(true);
    expect(events("publish")).toMatchObject([{ worker: 3, channel: "chat", msg: 1, text: "hello everyone", receivers: 4 }]);
    expect(events("delivery").map((e) => [e.worker, e.msg])).toEqual([
      [1, 1],
      [2, 1],
      [3, 1],
      [4, 1],
    ]);
    expect(events("out").every((e) => e.msg === 1 && e.delivered)).toBe(true);
  });
});

describe("workers die and come back", () => {
  it("a killed worker's clients see 1006 and the rest keep chatting", async () => {
    const { cluster, events } = await start(CHAT_REDIS, { workers: 4 });
    const clients = cluster.connectMany(8);
    await cluster.settle();

    cluster.kill(2);
    expect(clients[1].closed).toEqual({ code: 1006, reason: "", by: "server" });
    expect(clients[5].closed).toEqual({ code: 1006, reason: "", by: "server" });
    expect(events("worker").at(-1)).toMatchObject({ worker: 2, state: "killed" });
    expect(events("lost").map((e) => [e.client, e.why])).toEqual([
      [2, "worker killed"],
      [6, "worker killed"],
    ]);

    clients[0].send("still here?");
    await cluster.settle();
    const alive = clients.filter((c) => c.closed === null);
    expect(alive.map((c) => c.id)).toEqual([1, 3, 4, 5, 7, 8]);
    expect(alive.every((c) => c.received.includes("still here?"))).toBe(true);
    expect(events("publish").at(-1)).toMatchObject({ receivers: 3 });

    // The load balancer passes the dead worker by (client 8 went to worker 4).
    expect(cluster.connectMany(3).map((c) => c.worker)).toEqual([1, 3, 4]);
    expect(cluster.stats()[1]).toEqual({ worker: 2, alive: false, connections: 0, framesIn: 0, framesOut: 0 });
  });

  it("a restarted worker imports the module afresh and serves again", async () => {
    const { cluster, events } = await start(CHAT_REDIS, { workers: 2 });
    cluster.kill(2);
    await cluster.restart(2);
    expect(events("worker").map((e) => [e.worker, e.state])).toEqual([
      [1, "started"],
      [2, "started"],
      [2, "killed"],
      [2, "started"],
    ]);
    const [a, b] = cluster.connectMany(2);
    await cluster.settle();
    expect([a.worker, b.worker]).toEqual([1, 2]);
    b.send("from the new worker 2");
    await cluster.settle();
    expect(a.received).toEqual(["from the new worker 2"]);
    expect(b.received).toEqual(["from the new worker 2"]);
  });
});

describe("authentication by first message", () => {
  it("closes with 4001 for a bad token and welcomes a good one", async () => {
    const { cluster } = await start(AUTH, { workers: 2 });
    const mallory = cluster.connect("/ws");
    const alice = cluster.connect("/ws");
    mallory.send("token:forged");
    alice.send("token:alice");
    await cluster.settle();
    expect(mallory.closed).toEqual({ code: 4001, reason: "invalid token", by: "server" });
    expect(await alice.nextMessage()).toBe("welcome");
    alice.send("hi");
    expect(await alice.nextMessage()).toBe("you said hi");
  });

  it("closes with 4002 when the first message does not come within 5 s of the engine's clock", async () => {
    const { cluster, events } = await start(AUTH);
    const silent = cluster.connect();
    await cluster.sleep(4990);
    expect(silent.closed).toBeNull();
    await cluster.sleep(20);
    expect(silent.closed).toEqual({ code: 4002, reason: "authentication timed out", by: "server" });
    expect(events("close")).toMatchObject([{ client: 1, code: 4002, by: "server" }]);
    // 5 s after the app accepted, plus a hop each way (0.25 ms) between the coordinator and the worker.
    expect(events("close")[0].t - events("connect")[0].t).toBe(5000.5);
  });

  it("nextMessage lets the cluster's time run, and rejects once the connection is closed", async () => {
    const { cluster } = await start(AUTH);
    const silent = cluster.connect();
    await expect(silent.nextMessage()).rejects.toThrow(/closed by the server \(4002 authentication timed out\)/);
    expect(cluster.now()).toBeGreaterThanOrEqual(5000);
  });
});

describe("the heartbeat", () => {
  it("drops a client that vanished once its pong is overdue", async () => {
    const { cluster, events } = await start(QUIET, { workers: 1, pingIntervalMs: 1000, pingTimeoutMs: 1000 });
    const [phone, laptop] = cluster.connectMany(2);
    await cluster.settle();
    phone.vanish();
    await cluster.sleep(1500);
    expect(cluster.stats()[0].connections).toBe(2); // the first ping is still waiting for its pong
    await cluster.sleep(1000);
    expect(cluster.stats()[0].connections).toBe(1);
    expect(events("vanish")).toMatchObject([{ client: 1, worker: 1 }]);
    expect(events("lost")).toMatchObject([{ client: 1, worker: 1, why: "ping timeout" }]);
    // The worker loaded at 0.25 ms: it pinged at 1000.25, gave up at 2000.25, said so 0.25 ms later.
    expect(events("lost")[0].t).toBe(2000.5);
    expect(laptop.closed).toBeNull();
  });

  it("without a heartbeat, a vanished client stays a phantom connection, and frames to it are lost", async () => {
    const { cluster, events } = await start(CHAT_IN_MEMORY, { workers: 1 });
    const [phone, laptop] = cluster.connectMany(2);
    await cluster.settle();
    phone.vanish();
    await cluster.sleep(60_000);
    expect(cluster.stats()[0].connections).toBe(2);
    laptop.send("anyone?");
    await cluster.settle();
    expect(events("out").map((e) => [e.client, e.delivered])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(phone.received).toEqual([]);
    expect(events("lost")).toEqual([]);
  });
});

describe("the load balancer", () => {
  it("round-robin takes the live workers in turn; least-connections the emptiest, lowest first", async () => {
    const placements = async (balancer: "round-robin" | "least-connections") => {
      const { cluster } = await start(QUIET, { workers: 3, balancer });
      const [, second] = cluster.connectMany(3);
      second.close();
      return cluster.connectMany(3).map((c) => c.worker);
    };
    expect(await placements("round-robin")).toEqual([1, 2, 3]);
    expect(await placements("least-connections")).toEqual([2, 1, 2]);
  });

  it("least-connections counts a phantom connection as a connection", async () => {
    const { cluster } = await start(QUIET, { workers: 2, balancer: "least-connections" });
    const [a] = cluster.connectMany(2);
    a.vanish();
    expect(cluster.connect().worker).toBe(1);
  });
});

describe("at scale", () => {
  it("connects 10,000 clients and one broadcast reaches them all", async () => {
    const { cluster, events } = await start(CHAT_REDIS, { workers: 4 });
    const clients = cluster.connectMany(10_000);
    await cluster.settle();
    expect(events("accept")).toHaveLength(10_000);
    expect(cluster.stats().map((s) => s.connections)).toEqual([2500, 2500, 2500, 2500]);

    clients[4242].send("flash sale");
    await cluster.settle();
    expect(clients.every((c) => c.received.length === 1 && c.received[0] === "flash sale")).toBe(true);
    expect(events("out")).toHaveLength(10_000);
  });
});

describe("determinism", () => {
  it("the same code gives the same trace, event for event", async () => {
    const scenario = async () => {
      const { cluster, trace } = await start(CHAT_REDIS, { workers: 3, pingIntervalMs: 500 });
      const clients = cluster.connectMany(6);
      await cluster.settle();
      clients[0].send("one");
      clients[4].send("two");
      clients[5].vanish();
      await cluster.sleep(2000);
      cluster.kill(3);
      clients[1].close(4000, "bye");
      await cluster.stop();
      return trace;
    };
    const first = await scenario();
    expect(JSON.stringify(await scenario())).toBe(JSON.stringify(first));
    expect(new Set(first.map((e) => e.kind))).toEqual(new Set(["start", "worker", "connect", "accept", "in", "publish", "delivery", "out", "vanish", "lost", "close"]));
  });
});

describe("an echo server", () => {
  it("each worker answers with its own number", async () => {
    const { cluster } = await start(ECHO, { workers: 2 });
    const [a, b] = cluster.connectMany(2);
    a.send("ping");
    b.send("ping");
    expect(await a.nextMessage()).toBe("worker 1: ping");
    expect(await b.nextMessage()).toBe("worker 2: ping");
  });
});
