import { describe, expect, it } from "vitest";
import { runLesson, listChecks, type RunResult } from "./runner";
import { PLAYGROUND_MODULES } from "./registry";
import type { ConsoleBatch } from "./console-capture";
import type { TraceEvent } from "../trace";

const CHECKS = `
import { defineChecks, expect } from "playground/checks";
export default defineChecks([
  { name: "double doubles", hint: ["one", "two"], run: ({ double }: any) => expect(double(2)).to.equal(4) },
  { name: "prints hello", run: (_m, { logs }) => expect(logs).to.include("hello") },
]);
`;

async function run(code: string, checks = CHECKS): Promise<RunResult & { batches: ConsoleBatch[]; trace: TraceEvent[] }> {
  const batches: ConsoleBatch[] = [];
  const trace: TraceEvent[] = [];
  let clock = 0;
  const result = await runLesson(
    { code, checks },
    { now: () => (clock += 1), modules: PLAYGROUND_MODULES, onConsole: (b) => batches.push(b), onTrace: (b) => trace.push(...b.events) },
  );
  return { ...result, batches, trace };
}

describe("runLesson", () => {
  it("runs every check against the learner's exports", async () => {
    const r = await run(`export const double = (n: number): number => n * 2;\nconsole.log("hello");\n`);
    expect(r.error).toBeNull();
    expect(r.checks.map((c) => [c.name, c.passed])).toEqual([
      ["double doubles", true],
      ["prints hello", true],
    ]);
    expect(r.batches.flatMap((b) => b.lines.map((l) => l.text))).toEqual(["hello"]);
  });

  it("reports a failed assertion with chai's message and keeps the hints", async () => {
    const r = await run(`export const double = (n: number) => n + 3;\n`);
    const [first, second] = r.checks;
    expect(first.passed).toBe(false);
    expect(first.message).toBe("expected 5 to equal 4");
    expect(first.hints).toEqual(["one", "two"]);
    expect(second.passed).toBe(false);
  });

  it("points a syntax error at its line and runs no check", async () => {
    const r = await run(`export const a = 1;\n\nexport const b = ;\nexport const double = (n: number) => n * 2;\n`);
    expect(r.error).toMatchObject({ kind: "compile", name: "SyntaxError", line: 3 });
    expect(r.checks.every((c) => !c.passed && c.message?.startsWith("Not run"))).toBe(true);
  });

  it("points an error thrown while loading at the learner's line", async () => {
    const r = await run(`export const double = (n: number) => n * 2;\nconst o: any = null;\n\nconsole.log(o.x);\n`);
    expect(r.error).toMatchObject({ kind: "runtime", name: "TypeError", line: 4 });
  });

  it("points an error thrown inside a check at the learner's line", async () => {
    const r = await run(`export function double(n: number): number {\n  throw new RangeError("nope " + n);\n}\nconsole.log("hello");\n`);
    expect(r.error).toBeNull();
    expect(r.checks[0]).toMatchObject({ passed: false, message: "RangeError: nope 2", line: 2 });
    expect(r.checks[1].passed).toBe(true);
  });

  it("names the modules lesson code can import when one does not exist", async () => {
    const r = await run(`import { x } from "playground/nope";\nexport const double = x;\n`);
    expect(r.error?.message).toContain("Cannot find module 'playground/nope'");
    expect(r.error?.message).toContain("playground/web");
    expect(r.error?.line).toBe(1);
  });

  it("keeps the checks' own module (chai) out of lesson code's reach", async () => {
    const r = await run(`import { expect } from "playground/checks";\nexpect(1).to.equal(1);\nexport const double = (n: number) => n * 2;\n`);
    expect(r.error?.message).toContain("Cannot find module 'playground/checks'");
    expect(r.error?.message).not.toMatch(/can import:.*playground\/checks/);
  });

  it("describes any thrown value without throwing: a Proxy, Object.create(null), a throwing toString or message getter", async () => {
    const throwers = [
      "new Proxy({}, { getPrototypeOf() { throw 1 }, get() { throw 2 } })",
      "Object.create(null)",
      "{ toString() { throw new Error('no') } }",
      "Object.defineProperty(new Error('x'), 'message', { get() { throw new Error('no') } })",
      "Object.defineProperty(new Error('x'), 'stack', { get() { throw new Error('no') } })",
    ];
    for (const value of throwers) {
      const r = await run(`export const double = (n: number) => { throw ${value}; };\nconsole.log(${value});\n`);
      expect(r.error, value).toBeNull();
      expect(r.checks.length, value).toBeGreaterThan(0);
      for (const c of r.checks) {
        expect(c.passed, value).toBe(false);
        expect(typeof c.message, value).toBe("string");
      }
    }
  });

  it("rejects namespace blocks and decorators with a clear message at their line", async () => {
    const ns = await run(`export const double = (n: number) => n * 2;\nnamespace Stuff {\n  export const a = 1;\n}\n`);
    expect(ns.error).toMatchObject({ kind: "compile", line: 2 });
    expect(ns.error?.message).toContain("namespace blocks are not supported");
    const deco = await run(`function sealed(c: any) { return c; }\n@sealed\nclass A {}\n`);
    expect(deco.error).toMatchObject({ kind: "compile", line: 2 });
    expect(deco.error?.message).toContain("decorators are not supported");
  });

  it("supports top-level await", async () => {
    const r = await run(`const n = await Promise.resolve(2);\nexport const double = (x: number) => x * n;\nconsole.log("hello");\n`);
    expect(r.checks.every((c) => c.passed)).toBe(true);
  });

  it("says so when the lesson's own checks are broken", async () => {
    const r = await run(`export const double = 1;`, `export default 42;`);
    expect(r.error?.kind).toBe("checks");
    expect(r.error?.message).toContain("checks could not load");
  });

  it("traces compile, module and each check in order", async () => {
    const r = await run(`export const double = (n: number) => n * 2;\n`);
    expect(r.trace.map((e) => e.kind)).toEqual(["transpile", "module", "check", "check"]);
  });
});

describe("listChecks", () => {
  it("lists names and hints without running the learner's code", async () => {
    expect(await listChecks(CHECKS, PLAYGROUND_MODULES)).toEqual([
      { name: "double doubles", hints: ["one", "two"] },
      { name: "prints hello", hints: [] },
    ]);
  });
});

describe("engines in the sandbox", () => {
  it("gives lesson code playground/web, whose apps report to the run's trace", async () => {
    const r = await run(
      [
        'import { FastAPI, TestClient } from "playground/web";',
        "const app = new FastAPI();",
        'app.get("/users/{id:int}", ({ id }) => ({ id }));',
        'const res = await new TestClient(app).get("/users/7");',
        "console.log(res.status, res.text());",
        "export const double = (n: number) => n * 2;",
        'console.log("hello");',
      ].join("\n"),
    );
    expect(r.error).toBeNull();
    expect(r.batches.flatMap((b) => b.lines.map((l) => l.text))).toEqual(['200 {"id":7}', "hello"]);
    const web = r.trace.filter((e) => e.source === "web");
    expect(web[0]).toMatchObject({ kind: "request", method: "GET", path: "/users/7", request: 1 });
    expect(web.some((e) => e.kind === "route" && e.status === 200)).toBe(true);
    // Stamped with the run's clock, after the checks loaded.
    expect(web.every((e) => e.t > 0)).toBe(true);
  });
});

describe("ports to engines outside the sandbox", () => {
  it("hands a run's port to the module that asks for it by name", async () => {
    const channel = new MessageChannel();
    const received = new Promise((resolve) => {
      channel.port2.onmessage = (e) => resolve(e.data);
    });
    const modules = {
      ...PLAYGROUND_MODULES,
      "playground/echo": (env: import("./registry").ModuleEnv) => ({ send: (m: string) => env.port("echo")!.postMessage(m), missing: env.port("nope") }),
    };
    const r = await runLesson(
      { code: 'import { send, missing } from "playground/echo";\nsend("over the port");\nexport const double = (n: number) => n * 2;\nconsole.log("hello", String(missing));\n', checks: CHECKS },
      { now: () => 0, modules, onConsole: () => {}, ports: { echo: channel.port1 } },
    );
    expect(r.error).toBeNull();
    expect(await received).toBe("over the port");
    channel.port1.close();
    channel.port2.close();
  });
});

describe("playground/redis in the sandbox", () => {
  it("gives each run a server, node-redis style clients and a clock lesson code can move", async () => {
    const r = await run(
      [
        'import { createClient, advanceTime } from "playground/redis";',
        "const client = await createClient().connect();",
        'await client.set("greeting", "hi", { EX: 60 });',
        'console.log(await client.get("greeting"), await client.ttl("greeting"));',
        "advanceTime(61_000);",
        'console.log(await client.get("greeting"));',
        "export const double = (n: number) => n * 2;",
        'console.log("hello");',
      ].join("\n"),
    );
    expect(r.error).toBeNull();
    expect(r.batches.flatMap((b) => b.lines.map((l) => l.text))).toEqual(["hi 60", "null", "hello"]);
    const commands = r.trace.filter((e) => e.source === "redis" && e.kind === "command");
    expect(commands.map((e) => (e as { name: string }).name)).toEqual(["set", "get", "ttl", "get"]);
    expect(r.trace.some((e) => e.source === "redis" && e.kind === "expired")).toBe(true);
    // advanceTime is told in the trace, stamped before the jump, so axes can be reconciled.
    const advance = r.trace.find((e) => e.source === "redis" && e.kind === "advance");
    expect(advance).toMatchObject({ ms: 61_000 });
    expect(advance!.t).toBeLessThan(5_000);
    expect(r.trace.every((e) => e.t < 61_000 + 5_000)).toBe(true);
  });
});

describe("playground/cluster in the sandbox", () => {
  it("serves the learner's own module in each worker of a cluster the checks start", async () => {
    const checks = `
import { defineChecks, expect } from "playground/checks";
import { startCluster } from "playground/cluster";
export default defineChecks([
  {
    name: "each worker echoes",
    run: async () => {
      const cluster = await startCluster({ workers: 2 });
      const [a, b] = cluster.connectMany(2);
      a.send("hi");
      b.send("hi");
      expect(await a.nextMessage()).to.equal("worker 1: hi");
      expect(await b.nextMessage()).to.equal("worker 2: hi");
      await cluster.stop();
    },
  },
]);
`;
    const code = [
      'import { workerId } from "playground/cluster";',
      'console.log("loaded in", workerId() ?? "main");',
      "export const app = {",
      "  async asgiWebSocket(scope: any, receive: any, send: any) {",
      "    await receive();",
      '    await send({ type: "websocket.accept" });',
      "    for (;;) {",
      "      const message = await receive();",
      '      if (message.type === "websocket.disconnect") return;',
      '      await send({ type: "websocket.send", text: `worker ${workerId()}: ${message.text}` });',
      "    }",
      "  },",
      "};",
    ].join("\n");
    const r = await run(code, checks);
    expect(r.error).toBeNull();
    expect(r.checks.map((c) => [c.name, c.passed, c.message])).toEqual([["each worker echoes", true, undefined]]);
    expect(r.batches.flatMap((b) => b.lines.map((l) => l.text))).toEqual(["loaded in main", "[worker 1] loaded in 1", "[worker 2] loaded in 2"]);
    const cluster = r.trace.filter((e) => e.source === "cluster");
    expect(cluster[0]).toMatchObject({ kind: "start", cluster: 1, workers: 2 });
    expect(cluster.filter((e) => e.kind === "out")).toHaveLength(2);
  });

  it("tells the checks' listing that there is no learner code to serve", async () => {
    const checks = `
import { defineChecks } from "playground/checks";
import { startCluster } from "playground/cluster";
export default defineChecks([{ name: "starts", run: () => startCluster().then(() => {}) }]);
`;
    expect(await listChecks(checks, PLAYGROUND_MODULES)).toEqual([{ name: "starts", hints: [] }]);
  });
});

describe("runLesson with injected events", () => {
  it("hands them to the engines: the learner's run() and the checks' share the numbering, and the named one crashes", async () => {
    const code = `import { run, sleep, memoryQueue } from "playground/tasks";
export async function deliver(): Promise<string[]> {
  const sent: string[] = [];
  await run(async () => {
    const queue = memoryQueue<string>();
    queue.worker("w1", async (job) => { await sleep(300); sent.push(job.payload); });
    await queue.add("ada");
    await sleep(1000);
    await queue.stop();
  });
  return sent;
}
await deliver(); // run() #1
`;
    const checks = `import { defineChecks, expect } from "playground/checks";
export default defineChecks([{ name: "delivers", run: async ({ deliver }: any) => expect(await deliver()).to.deep.equal(["ada"]) }]);`;
    const trace: TraceEvent[] = [];
    const onTrace = (b: { events: TraceEvent[] }) => trace.push(...b.events);
    const env = { now: () => 0, modules: PLAYGROUND_MODULES, onConsole: () => {}, onTrace };
    const plain = await runLesson({ code, checks }, env);
    expect(plain.checks.map((c) => c.passed)).toEqual([true]);
    // The check's own run() is #2: the crash there loses its job.
    const crashed = await runLesson({ code, checks, inject: [{ action: "crash", loop: 2, atMs: 100, worker: "w1" }] }, env);
    expect(crashed.checks.map((c) => c.passed)).toEqual([false]);
    const injected = trace.filter((e) => e.source === "tasks" && e.kind === "injected");
    expect(injected).toMatchObject([{ loop: 2, outcome: "crashed", worker: "w1", holding: ["1"] }]);
    expect(trace.some((e) => e.source === "queue" && e.kind === "lost" && e.loop === 2)).toBe(true);
  });
});
