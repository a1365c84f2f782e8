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

describe("a run with a crash injected from the page", () => {
  // run() #2 starts at 1000 on the run's axis; the page asked for w1 at 150 ms of it.
  const crash = { action: "crash", loop: 2, atMs: 150, worker: "w1" } as const;
  const trace = [
    { t: 1000, source: "tasks", loop: 2, kind: "task", phase: "created", task: "main" },
    { t: 1150, source: "tasks", loop: 2, kind: "injected", action: "crash", worker: "w1", atMs: 150, loopMs: 150, outcome: "crashed", queue: "jobs", holding: ["1-0"] },
    { t: 1150, source: "queue", loop: 2, queue: "jobs", kind: "worker", worker: "w1", phase: "crashed", holding: ["1-0"], by: "page" },
    { t: 31_200, source: "queue", loop: 2, queue: "jobs", kind: "claimed", worker: "w2", ids: ["1-0"], deleted: [] },
  ];

  function passingSandbox(requests: unknown[]) {
    const sandbox = {
      listChecks: async () => [{ name: "a check", hints: [] }],
      run: async (request: unknown, options: { onTrace?: (batch: { events: unknown[]; dropped: number }) => void }) => {
        requests.push(request);
        options.onTrace?.({ events: trace, dropped: 0 });
        return { kind: "done", result: { error: null, checks: [{ name: "a check", hints: [], passed: true }] } } satisfies RunOutcome;
      },
      stop: () => {},
    };
    return sandbox as unknown as Sandbox;
  }

  it("sends the crash with the code, says what became of it, moves the playhead there, and never counts for progress", async () => {
    const requests: unknown[] = [];
    let completed = 0;
    const session = createRunSession({ sandbox: passingSandbox(requests), checksSource: "checks", lesson, engines: [], onAllPassed: () => completed++ });
    await session.run("code");
    expect(completed).toBe(1);
    expect(session.store.getState().experiment).toBeNull();

    await session.run("code", { inject: [crash] });
    expect(requests[1]).toEqual({ code: "code", checks: "checks", inject: [crash] });
    const state = session.store.getState();
    expect(state.status).toBe("Ran again with w1 crashed at 150 ms of run() #2 · All checks passed");
    expect(state.outcome).toBe("passed");
    expect(state.experiment).toEqual({ events: [crash], codeChanged: false });
    expect(completed).toBe(1); // not called again: an experiment completes nothing
    expect(state.output.map((l) => l.text)).toEqual([
      "Ran again with w1 crashed at 150 ms of run() #2.",
      "w1 died holding 1-0.",
      "1-0 was delivered again: w2 claimed it at 30.2 s.",
      "A run with a crash from the page is an experiment: its checks are shown but do not count toward your progress.",
    ]);
    // Just after the crash and what happened at its moment.
    expect(session.playhead.getState().pinned).toEqual({ count: 3, time: 1150 });
  });

  it("says when the code changed since the run the crash was chosen on, and refuses a list that does not read", async () => {
    const requests: unknown[] = [];
    const session = createRunSession({ sandbox: passingSandbox(requests), checksSource: "", lesson, engines: [], onAllPassed: () => {} });
    await session.run("code");
    await session.run("changed code", { inject: [crash] });
    expect(session.store.getState().experiment?.codeChanged).toBe(true);
    expect(session.store.getState().output.map((l) => l.text)).toContain(
      "Your code had changed since the run whose picture you crashed the worker on: this run ran the code in the editor now, so that moment may not be the same.",
    );
    await session.run("code", { inject: [{ ...crash, atMs: -5 }] });
    expect(requests).toHaveLength(2);
    expect(session.store.getState()).toMatchObject({ status: "Error: injected event 1.atMs must be milliseconds of that run(), a number from 0 (got -5)", tone: "fail" });
  });
});
