// playground/cluster in the lesson's main code: clusters of the learner's module placed on the
// run's trace axis, and the worker-only names saying where they work.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { transpile } from "../sandbox/transpile.ts";
import type { TraceEvent } from "../trace.ts";
import { LEARNER_FILE } from "./node.ts";
import { BROKER_IN_MAIN, clusterModule } from "./playground.ts";
import { CHAT_REDIS, ECHO } from "./testing/apps.ts";

function module(learner = ECHO) {
  const trace: TraceEvent[] = [];
  const lines: string[] = [];
  let now = 100;
  const api = clusterModule({
    now: () => (now += 1),
    trace: (e) => trace.push(e),
    learnerCode: () => transpile(learner, LEARNER_FILE),
    port: () => undefined,
    log: (level, text) => lines.push(`${level} ${text}`),
  });
  return { api, trace, lines };
}

describe("playground/cluster", () => {
  it("puts each cluster after the last on the run's axis, numbered", async () => {
    const { api, trace } = module();
    const first = await api.startCluster({ workers: 2 });
    first.connect().send("hello");
    await first.sleep(1000);
    const second = await api.startCluster();
    second.connect();
    await second.settle();
    const events = trace as (TraceEvent & { cluster?: number })[];
    const ends = (n: number) => events.filter((e) => e.cluster === n).map((e) => e.t);
    expect(ends(1).length).toBeGreaterThan(0);
    expect(Math.min(...ends(1))).toBeGreaterThanOrEqual(100);
    expect(Math.min(...ends(2))).toBeGreaterThanOrEqual(Math.max(...ends(1)));
  });

  it("relays the workers' console lines to the run's, each with its worker", async () => {
    const { api, lines } = module(`import { workerId } from "playground/cluster";\nconsole.warn("up", workerId());\n${ECHO.replace(/^import .*$/m, "")}`);
    await api.startCluster({ workers: 2 });
    expect(lines).toEqual(["warn [worker 1] up 1", "warn [worker 2] up 2"]);
  });

  it("has no broker to connect to and no worker number in the main code; waitFor times out on the run's clock", async () => {
    const { api } = module();
    await expect(api.createBrokerClient().connect()).rejects.toThrow(BROKER_IN_MAIN);
    expect(api.workerId()).toBeNull();
    const never = new Promise(() => {});
    await expect(api.waitFor(never, 5)).rejects.toMatchObject({ name: "TimeoutError" });
    await expect(api.waitFor(api.sleep(1).then(() => "done"), 1000)).resolves.toBe("done");
  });

});

describe("playground/cluster in a locked-down realm (the browser's sandbox)", () => {
  it("runs each worker's copy of the module in a Compartment, with its modules hardened", () => {
    const checks = `
import { defineChecks, expect } from "playground/checks";
import { startCluster } from "playground/cluster";
export default defineChecks([
  {
    name: "a message reaches every worker's clients",
    run: async () => {
      const cluster = await startCluster({ workers: 3 });
      const clients = cluster.connectMany(6);
      await cluster.settle();
      clients[0].send("hi all");
      await cluster.settle();
      expect(clients.map((c) => c.received.join())).to.deep.equal(Array(6).fill("hi all"));
      await cluster.stop();
    },
  },
]);`;
    const patch = `import { TestClient } from "playground/web";\ntry { (TestClient.prototype as any).get = 1; console.log("patched"); } catch (e) { console.log("refused:", (e as Error).name); }\n`;
    const out = execFileSync(process.execPath, ["--import", "tsx", join(import.meta.dirname, "../sandbox/testing/locked-runs.ts")], {
      cwd: join(import.meta.dirname, "../.."),
      input: JSON.stringify([{ name: "chat", code: patch + CHAT_REDIS, checks }]),
      encoding: "utf8",
    });
    const [{ result, output }] = JSON.parse(out) as { result: { error: unknown; checks: { passed: boolean }[] }; output: string[] }[];
    expect(result.error).toBeNull();
    expect(result.checks.map((c) => c.passed)).toEqual([true]);
    expect(output).toEqual(["refused: TypeError", "[worker 1] refused: TypeError", "[worker 2] refused: TypeError", "[worker 3] refused: TypeError"]);
  });
});
