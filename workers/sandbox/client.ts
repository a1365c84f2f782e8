// The main thread's side of the sandbox. Every run gets a fresh worker (a warm spare is kept
// ready), so nothing one run leaves behind can touch the next; the worker stays alive after its
// run only so late console output still arrives, and is terminated when the next run starts.
// A run past its time limit is stopped by terminating the worker: comlink calls to a terminated
// worker never settle, so every call here races its own timer.
import * as Comlink from "comlink";
import type { ConsoleBatch } from "./console-capture";
import type { CheckInfo, RunResult } from "./runner";
import type { SandboxApi } from "./worker";

export type RunOutcome =
  | { kind: "done"; result: RunResult }
  | { kind: "timeout"; afterMs: number }
  | { kind: "stopped" }
  | { kind: "crashed"; message: string };

interface Worker_ {
  worker: Worker;
  api: Comlink.Remote<SandboxApi>;
}

/** A worker being started: the script that creates it may still be downloading. */
interface Slot {
  started: Promise<Worker_>;
  /** Settles when the worker answers, or with "failed". */
  ready: Promise<unknown>;
  killed: boolean;
}

const BOOT_TIMEOUT_MS = 30_000;
const TIMED_OUT = Symbol("timed out");

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: ReturnType<typeof setTimeout>;
  return Promise.race([
    promise,
    new Promise<typeof TIMED_OUT>((resolve) => {
      timer = setTimeout(() => resolve(TIMED_OUT), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

export class Sandbox {
  private spare: Slot | null = null;
  private current: Slot | null = null;
  private factory: Promise<() => Worker> | null = null;
  /** Settles the run in progress early: the worker crashed, or the learner pressed Stop. */
  private interrupt: ((outcome: RunOutcome) => void) | null = null;

  /** `loadFactory` may fetch the worker's script lazily; it is called once. */
  constructor(private readonly loadFactory: () => Promise<() => Worker>) {}

  private spawn(): Slot {
    this.factory ??= this.loadFactory();
    const slot: Slot = { started: null!, ready: null!, killed: false };
    slot.started = this.factory.then((create) => {
      const worker = create();
      if (slot.killed) worker.terminate();
      worker.addEventListener("error", (event) => {
        event.preventDefault();
        if (this.current === slot) this.interrupt?.({ kind: "crashed", message: event.message || "The sandbox worker failed." });
      });
      return { worker, api: Comlink.wrap<SandboxApi>(worker) };
    });
    slot.ready = slot.started.then((w) => w.api.ping());
    return slot;
  }

  private take(): Slot {
    const slot = this.spare ?? this.spawn();
    this.spare = null;
    return slot;
  }

  /** Starts a worker now so the first run does not wait for one. */
  warm(): void {
    this.spare ??= this.spawn();
  }

  async listChecks(checksSource: string): Promise<CheckInfo[]> {
    this.warm();
    const { api } = await this.spare!.started;
    const infos = await withTimeout(api.listChecks(checksSource), BOOT_TIMEOUT_MS);
    if (infos === TIMED_OUT) throw new Error("the sandbox did not answer");
    return infos;
  }

  /** `ports` are handed to the run's worker (transferred) for engines that live outside it. */
  async run(
    request: { code: string; checks: string },
    options: { timeoutMs: number; onConsole: (batch: ConsoleBatch) => void; ports?: Record<string, MessagePort> },
  ): Promise<RunOutcome> {
    this.stop();
    const slot = this.take();
    this.current = slot;
    this.spare = this.spawn();

    const interrupted = new Promise<RunOutcome>((resolve) => {
      this.interrupt = resolve;
    });
    const booted = await Promise.race([withTimeout(slot.ready.then(() => slot.started), BOOT_TIMEOUT_MS), interrupted]);
    if (booted === TIMED_OUT) {
      this.kill(slot);
      return { kind: "crashed", message: "The sandbox did not start in time. Reload the page and try again." };
    }
    if ("kind" in booted) return booted;

    // The time limit counts from here: loading the sandbox itself is not the learner's time.
    const started = performance.now();
    const outcome = await withTimeout(
      Promise.race([
        booted.api
          .run(Comlink.transfer({ ...request, ports: options.ports }, Object.values(options.ports ?? {})), Comlink.proxy(options.onConsole))
          .then((result): RunOutcome => ({ kind: "done", result })),
        interrupted,
      ]),
      options.timeoutMs,
    );
    this.interrupt = null;
    if (outcome === TIMED_OUT) {
      this.kill(slot);
      return { kind: "timeout", afterMs: performance.now() - started };
    }
    if (outcome.kind !== "done") this.kill(slot);
    return outcome;
  }

  /** Ends whatever the last run left running (timers, a loop) by terminating its worker. */
  stop(): void {
    if (this.current) this.kill(this.current);
    this.interrupt?.({ kind: "stopped" });
    this.interrupt = null;
  }

  private kill(slot: Slot): void {
    slot.killed = true;
    void slot.started.then((w) => w.worker.terminate());
    if (this.current === slot) this.current = null;
  }

  dispose(): void {
    this.stop();
    if (this.spare) this.kill(this.spare);
    this.spare = null;
  }
}
