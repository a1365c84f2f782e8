// What a worker does with the learner's module: load it (or say clearly why it could not), keep one
// connection's error to that connection, share the broker but not module state, and shut down.
import { describe, expect, it } from "vitest";
import { QUIET } from "./testing/apps.ts";
import { startCluster } from "./cluster.ts";
import { LEARNER_FILE } from "./node.ts";
import { oneThread } from "./one-thread.ts";
import { transpile } from "../sandbox/transpile.ts";
import { evaluateInNode, start } from "./testing/harness.ts";
import type { ClusterTrace } from "./trace.ts";

/** An app that accepts and runs `body` (a function of receive and send) for each connection. */
const appDoing = (imports: string, body: string) => `
${imports}
export const app = {
  async asgiWebSocket(scope, receive, send) {
    await receive();
${body}
  },
};
`;

describe("loading the module", () => {
  it("fails clearly when the module has no `app` export, and the trace says the worker crashed", async () => {
    const trace: ClusterTrace[] = [];
    const failure = start("export const application = {};", { workers: 2 }, {}, trace).catch((e: Error) => e);
    expect(await failure).toMatchObject({ message: "worker 1 failed to load your module: The module has no export named 'app'" });
    expect(trace.filter((e) => e.kind === "worker")).toMatchObject([
      { worker: 1, state: "crashed", error: "The module has no export named 'app'" },
      { worker: 2, state: "crashed", error: "The module has no export named 'app'" },
    ]);
  });

  it("names another export when asked (uvicorn main:api)", async () => {
    const { cluster } = await start(QUIET.replace("export const app", "export const api"), { exportName: "api" });
    expect(cluster.stats()[0].alive).toBe(true);
  });

  it("says so when the export cannot serve WebSockets", async () => {
    await expect(start("export const app = { asgi() {} };")).rejects.toThrow(/The export 'app' cannot serve WebSockets: it has no asgiWebSocket function/);
  });

  it("rejects with the learner's error, and its line, when the module throws while loading", async () => {
    const error = (await start("const x = 1;\nexport const app = missingThing;", { workers: 2 }).catch((e: unknown) => e)) as Error & { line?: number };
    expect(error.message).toMatch(/^worker 1 failed to load your module: ReferenceError: missingThing is not defined \(learner\.ts:2:/);
    expect(error.line).toBe(2);
  });

  it("checks its options", async () => {
    await expect(start(QUIET, { workers: 0 })).rejects.toThrow("workers must be a whole number from 1 to 16, not 0");
    await expect(start(QUIET, { workers: 17 })).rejects.toThrow(/from 1 to 16/);
    await expect(start(QUIET, { balancer: "random" as never })).rejects.toThrow(/balancer must be/);
    await expect(start(QUIET, { pingIntervalMs: -1 })).rejects.toThrow(/pingIntervalMs/);
  });

  it("refuses to start a cluster from inside a worker", async () => {
    const code = `import { startCluster } from "playground/cluster";\nstartCluster({ workers: 2 });\n${QUIET}`;
    await expect(start(code)).rejects.toThrow(/inside a worker of a cluster/);
  });
});

describe("serving connections", () => {
  it("an error in one connection's handler closes that connection (1011), not the worker", async () => {
    const code = appDoing(
      "",
      `    await send({ type: "websocket.accept" });
    const message = await receive();
    if (message.text === "crash") throw new Error("handler bug");
    await send({ type: "websocket.send", text: "fine" });
    await receive();`,
    );
    const { cluster, logs } = await start(code);
    const [bad, good] = cluster.connectMany(2);
    bad.send("crash");
    good.send("hello");
    await cluster.settle();
    expect(bad.closed).toEqual({ code: 1011, reason: "", by: "server" });
    expect(good.received).toEqual(["fine"]);
    expect(logs[0]).toMatchObject({ worker: 1, level: "error", text: expect.stringContaining("Exception in ASGI application") });
    expect(logs[0].text).toContain("handler bug");
  });

  it("a close before accepting refuses the handshake (403); raising before it answers 500", async () => {
    const code = appDoing(
      "",
      `    if (scope.query_string === "boom") throw new Error("no");
    await send({ type: "websocket.close", code: 1008 });`,
    );
    const { cluster, events } = await start(code);
    const refused = cluster.connect("/ws?token=none");
    const broken = cluster.connect("/ws?boom");
    await cluster.settle();
    expect([refused.accepted, refused.closed]).toEqual([false, { code: 1006, reason: "", by: "server" }]);
    expect(broken.closed?.code).toBe(1006);
    expect(events("reject").map((e) => [e.client, e.status])).toEqual([
      [1, 403],
      [2, 500],
    ]);
    expect(cluster.stats()[0].connections).toBe(0);
  });

  it("the handshake carries what a browser's WebSocket can send: path, query, cookies and subprotocols — no headers of its own", async () => {
    const code = appDoing(
      "",
      `    await send({ type: "websocket.accept" });
    const cookie = scope.headers.find(([name]) => name === "cookie")?.[1];
    await send({ type: "websocket.send", text: JSON.stringify([scope.path, scope.query_string, cookie, scope.subprotocols]) });
    await receive();`,
    );
    const { cluster } = await start(code);
    const client = cluster.connect("/chat/room-1?since=5", { cookies: { session: "abc", theme: "dark" }, protocols: ["chat.v2", "chat.v1"] });
    expect(JSON.parse(await client.nextMessage())).toEqual(["/chat/room-1", "since=5", "session=abc; theme=dark", ["chat.v2", "chat.v1"]]);
    const withHeader = { headers: { authorization: "Bearer abc" } } as Parameters<typeof cluster.connect>[1];
    expect(() => cluster.connect("/ws", withHeader)).toThrow(/cannot send headers of its own/);
  });

  it("console lines leave each worker with its number", async () => {
    const code = `import { workerId } from "playground/cluster";\nconsole.log("booting worker", workerId());\n${QUIET}`;
    const { logs } = await start(code, { workers: 2 });
    expect(logs).toEqual([
      { worker: 1, level: "log", text: "booting worker 1" },
      { worker: 2, level: "log", text: "booting worker 2" },
    ]);
  });
});

describe("what workers share", () => {
  const counter = (module: string, create: string) =>
    appDoing(
      `import { ${create} } from "${module}";\nconst redis = ${create}();\nconst connected = redis.connect();`,
      `    await connected;
    await send({ type: "websocket.accept" });
    await send({ type: "websocket.send", text: String(await redis.incr("visits")) });
    await receive();`,
    );

  it("every worker's broker client reaches the one broker", async () => {
    const { cluster } = await start(counter("playground/cluster", "createBrokerClient"), { workers: 3 });
    const clients = cluster.connectMany(3);
    await cluster.settle();
    expect(clients.map((c) => c.received[0])).toEqual(["1", "2", "3"]);
  });

  it("playground/redis is a Redis of each worker's own", async () => {
    const { cluster } = await start(counter("playground/redis", "createClient"), { workers: 3 });
    const clients = cluster.connectMany(3);
    await cluster.settle();
    expect(clients.map((c) => c.received[0])).toEqual(["1", "1", "1"]);
  });
});

describe("stopping", () => {
  it("closes every connection with 1001 Going Away, the app hears of it, and the workers stop", async () => {
    const code = appDoing(
      "",
      `    await send({ type: "websocket.accept" });
    const message = await receive();
    console.log("disconnected with", message.code);`,
    );
    const { cluster, events, logs } = await start(code, { workers: 2 });
    const clients = cluster.connectMany(2);
    await cluster.settle();
    await cluster.stop();
    expect(clients.map((c) => c.closed)).toEqual([
      { code: 1001, reason: "", by: "server" },
      { code: 1001, reason: "", by: "server" },
    ]);
    expect(logs.map((l) => l.text)).toEqual(["disconnected with 1001", "disconnected with 1001"]);
    expect(events("worker").slice(-2).map((e) => e.state)).toEqual(["stopped", "stopped"]);
    expect(() => cluster.connect()).toThrow("the cluster has stopped");
  });
});

describe("a worker that crashes", () => {
  it("is reported by its transport: the trace says so and its clients are lost", async () => {
    const transport = oneThread({ evaluate: evaluateInNode });
    const crash = new Map<number, (error: string) => void>();
    const trace: ClusterTrace[] = [];
    const cluster = await startCluster(
      { workers: 2 },
      {
        transport: { ...transport, spawn: (worker, onMessage, onCrash) => (crash.set(worker, onCrash!), transport.spawn(worker, onMessage, onCrash)) },
        code: transpile(QUIET, LEARNER_FILE),
        trace: (e) => trace.push(e),
      },
    );
    const [a, b] = cluster.connectMany(2);
    await cluster.settle();
    crash.get(2)!("out of memory");
    expect(trace.filter((e) => e.kind === "worker").at(-1)).toMatchObject({ worker: 2, state: "crashed", error: "out of memory" });
    expect(trace.at(-1)).toMatchObject({ kind: "lost", client: 2, worker: 2, why: "worker crashed" });
    expect([a.closed, b.closed]).toEqual([null, { code: 1006, reason: "", by: "server" }]);
    expect(cluster.stats().map((s) => s.alive)).toEqual([true, false]);
  });
});
