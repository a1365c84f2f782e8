// The run session's steps around the lesson's hosted engines, with a fake sandbox and fake engines:
// it names none of them, so any engine plugs in the same way.
import { describe, expect, it } from "vitest";
import type { RunOutcome, Sandbox } from "../../workers/sandbox/client";
import type { HostedEngine, PreparedRun } from "../../workers/sandbox/hosted-engines";
import { createRunSession } from "./run-session";

const lesson = { timeoutMs: 5000, datasets: [] };

/** A sandbox whose run lasts until it is stopped; `log` says in which order things happened. */
function fakeSandbox(log: string[]) {
  let stopped: ((outcome: RunOutcome) => void) | null = null;
  const ports: Record<string, MessagePort>[] = [];
  const sandbox = {
    listChecks: async () => [{ name: "a check", hints: [] }],
    run: (_request: unknown, options: { ports?: Record<string, MessagePort> }) => {
      ports.push(options.ports ?? {});
      log.push("run");
      return new Promise<RunOutcome>((resolve) => (stopped = resolve));
    },
    stop: () => {
      log.push("stop");
      stopped?.({ kind: "stopped" });
      stopped = null;
    },
  };
  return { sandbox: sandbox as unknown as Sandbox, ports };
}

function fakeEngine(name: string, label: string, log: string[], prepare?: () => Promise<void>) {
  let fail!: (reason: string) => void;
  const port = new MessageChannel().port1;
  const engine: HostedEngine = {
    name,
    label,
    state: { getState: () => null, getInitialState: () => null, subscribe: () => () => {} },
    runWaitsFor: () => null,
    start: async () => {},
    prepareRun: async (): Promise<PreparedRun> => {
      await prepare?.();
      log.push(`prepare ${name}`);
      return { port, failure: new Promise((resolve) => (fail = resolve)), finish: async () => void log.push(`finish ${name}`) };
    },
  };
  return { engine, port, fail: (reason: string) => fail(reason) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("a run on a lesson with hosted engines", () => {
  it("hands each engine's port by name; an engine failing mid-run stops it, named by its own label, and every run is finished after the sandbox is stopped", async () => {
    const log: string[] = [];
    const { sandbox, ports } = fakeSandbox(log);
    const cache = fakeEngine("cache", "The cache", log);
    const queue = fakeEngine("queue", "The queue", log);
    const session = createRunSession({ sandbox, checksSource: "", lesson, engines: [cache.engine, queue.engine], onAllPassed: () => {} });
    const running = session.run("code");
    await settle();
    expect(ports).toHaveLength(1);
    expect(Object.keys(ports[0]).sort()).toEqual(["cache", "queue"]);
    expect(ports[0].cache).toBe(cache.port);
    expect(ports[0].queue).toBe(queue.port);

    queue.fail("The queue fell over.");
    await running;
    const state = session.store.getState();
    expect(state.status).toBe("Stopped: The queue stopped answering");
    expect(state.outcome).toBe("error");
    expect(state.checks.map((c) => c.message)).toEqual(["Not finished: the run was stopped because The queue stopped answering."]);
    expect(state.output.at(-1)).toEqual({ level: "error", text: "The queue fell over." });
    expect(log.slice(0, 3).sort()).toEqual(["prepare cache", "prepare queue", "run"]);
    expect(log.slice(3)).toEqual(["stop", "stop", "finish cache", "finish queue"]);
  });

  it("when one engine cannot open the run, the runs the others opened are finished and the run says why", async () => {
    const log: string[] = [];
    const { sandbox } = fakeSandbox(log);
    const cache = fakeEngine("cache", "The cache", log);
    const broken = fakeEngine("queue", "The queue", log, async () => {
      throw new Error("the queue could not start");
    });
    const session = createRunSession({ sandbox, checksSource: "", lesson, engines: [cache.engine, broken.engine], onAllPassed: () => {} });
    await session.run("code");
    expect(session.store.getState()).toMatchObject({ running: false, outcome: "error", status: "Error: the queue could not start", tone: "fail" });
    expect(log).toEqual(["prepare cache", "finish cache"]);
  });
});
