// The main thread's side of the sandbox. Every run gets a fresh worker (a warm spare is kept
// ready), and the worker is ended as soon as its run ends, so nothing a run leaves behind (a timer,
// an interval, a loop) outlives it. A run past its time limit is stopped the same way.
//
// The page talks to the worker in the plain messages of protocol.ts: it exposes nothing to the
// sandbox, and reads each message through readSandboxMessage, accepting only the current
// request's answers from the worker that request went to (docs/architecture.md, "The boundary").
import type { ConsoleBatch } from "./console-capture";
import { readSandboxMessage, type SandboxMessage, type SandboxRequest } from "./protocol";
import type { CheckInfo, RunResult } from "./runner";
import type { TraceBatch } from "./trace-stream";
import type { InjectedEvent } from "../injections";

export type RunOutcome =
  | { kind: "done"; result: RunResult }
  | { kind: "timeout"; afterMs: number }
  | { kind: "stopped" }
  | { kind: "crashed"; message: string };

/** A worker being started: the script that creates it may still be downloading. */
interface Slot {
  started: Promise<Worker>;
  /** Settles when the worker says it is ready (its script ran and locked its realm down). */
  ready: Promise<void>;
  /** Answers by request id; only this slot's worker can reach them. */
  waiting: Map<number, (message: SandboxMessage) => void>;
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
  private nextId = 1;
  /** Settles the run in progress early: the worker crashed, or the learner pressed Stop. */
  private interrupt: ((outcome: RunOutcome) => void) | null = null;

  /** `loadFactory` may fetch the worker's script lazily; it is called once. */
  constructor(private readonly loadFactory: () => Promise<() => Worker>) {}

  private spawn(): Slot {
    this.factory ??= this.loadFactory();
    let ready!: () => void;
    const slot: Slot = { started: null!, ready: new Promise((resolve) => (ready = resolve)), waiting: new Map(), killed: false };
    slot.started = this.factory.then((create) => {
      const worker = create();
      if (slot.killed) worker.terminate();
      worker.addEventListener("error", (event) => {
        event.preventDefault();
        if (this.current === slot) this.interrupt?.({ kind: "crashed", message: event.message || "The sandbox worker failed." });
      });
      worker.addEventListener("message", (event: MessageEvent) => {
        const message = readSandboxMessage(event.data);
        if (!message) return;
        if (message.type === "ready") ready();
        else slot.waiting.get(message.id)?.(message);
      });
      return worker;
    });
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

  private send(worker: Worker, request: SandboxRequest, transfer: Transferable[] = []): void {
    worker.postMessage(request, transfer);
  }

  async listChecks(checksSource: string): Promise<CheckInfo[]> {
    this.warm();
    const slot = this.spare!;
    const worker = await slot.started;
    const id = this.nextId++;
    const answer = new Promise<SandboxMessage>((resolve) => slot.waiting.set(id, resolve));
    this.send(worker, { type: "list", id, checks: checksSource });
    const message = await withTimeout(answer, BOOT_TIMEOUT_MS);
    slot.waiting.delete(id);
    if (message === TIMED_OUT) throw new Error("the sandbox did not answer");
    if (message.type === "failed") throw new Error(message.message);
    if (message.type !== "checks") throw new Error("the sandbox answered something else");
    return message.infos;
  }

  /** `ports` are handed to the run's worker (transferred) for engines that live outside it. */
  async run(
    request: { code: string; checks: string; inject?: InjectedEvent[] },
    options: { timeoutMs: number; onConsole: (batch: ConsoleBatch) => void; onTrace?: (batch: TraceBatch) => void; ports?: Record<string, MessagePort> },
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

    const id = this.nextId++;
    const finished = new Promise<RunOutcome>((resolve) => {
      slot.waiting.set(id, (message) => {
        if (message.type === "console") options.onConsole(message.batch);
        else if (message.type === "trace") options.onTrace?.(message.batch);
        else if (message.type === "result") resolve({ kind: "done", result: message.result });
        else if (message.type === "failed") resolve({ kind: "crashed", message: message.message });
      });
    });
    const ports = Object.entries(options.ports ?? {});
    const inject = request.inject?.length ? { inject: request.inject } : {};
    this.send(booted, { type: "run", id, code: request.code, checks: request.checks, portNames: ports.map(([name]) => name), ...inject }, ports.map(([, port]) => port));

    // The time limit counts from here: loading the sandbox itself is not the learner's time.
    const started = performance.now();
    const outcome = await withTimeout(Promise.race([finished, interrupted]), options.timeoutMs);
    this.interrupt = null;
    // However it ended, the run's worker ends with it: late timers and intervals go too.
    this.kill(slot);
    if (outcome === TIMED_OUT) return { kind: "timeout", afterMs: performance.now() - started };
    return outcome;
  }

  /** Ends the run in progress, if any, by terminating its worker. */
  stop(): void {
    if (this.current) this.kill(this.current);
    this.interrupt?.({ kind: "stopped" });
    this.interrupt = null;
  }

  private kill(slot: Slot): void {
    slot.killed = true;
    slot.waiting.clear();
    void slot.started.then((w) => w.terminate());
    if (this.current === slot) this.current = null;
  }

  dispose(): void {
    this.stop();
    if (this.spare) this.kill(this.spare);
    this.spare = null;
  }
}
