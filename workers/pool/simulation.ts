// A pool simulation: learner code written as for node-postgres (`await pool.connect()`, `await
// client.query(sql)`, `client.release()`), run in virtual time so that the same code gives the
// same timeline every run, and a 30 ms connection or a 10 s idle timeout costs nothing to wait for.
//
// THE RULE. The clock moves only when everything that can happen at the current instant has
// happened:
//   1. Drain: every continuation scheduled at this instant runs (promise callbacks, the engine's
//      nextTicks). The drain queues a microtask behind everything queued, hop after hop (each hop
//      is what an `await` of a resolved value takes), until `quietHops` (default 32) hops in a row
//      pass with no engine activity (no pool or client call, timer, trace event or statement).
//      Each hop lets every queued continuation advance one step, however many there are (a
//      Promise.all of hundreds of callers costs the same hops as one), and each engine call starts
//      the count again, so an await chain is drained as long as it reaches the engine within 32
//      hops of its previous call; ordinary async code (await chains, helper functions,
//      Promise.all) does so within a few. Code that spins more than 32 hops without touching the
//      engine would see the clock move under it. No macrotask is used: draining is deterministic
//      (the microtask queue is FIFO by specification) and cheap (a hop is a microtask, not an
//      event-loop turn), so 10,000 callers cost no macrotask per timer.
//   2. Real statements: an Execute that returned a promise (the Postgres engine over a port) is
//      awaited before time moves, then the drain runs again; the statement ends at now + its
//      measured time (floored: sim-runtime.ts), on the clock.
//   3. Then the clock jumps to the next timer and fires every timer due at that instant, in the
//      order they were set, before draining once (not once per timer). Node drains after each
//      timer; here, of two timers due at the very same instant, the second fires before the
//      continuations of the first have run. Virtual instants tie more often than real ones, but
//      each tie is resolved the same way every run, and a drain per timer would cost the
//      10,000-caller simulations dearly.
// The run ends when `main` has settled and nothing keeps the process alive (Node's rule: no ref'ed
// timer or socket; see allowExitOnIdle), when nothing will ever happen again (a hang: a leaked
// client, idle clients with idleTimeoutMillis 0, a caller waiting forever), at the time limit, or
// when an error escapes as it would crash Node (an 'error' event with no listener).
import type { ClientConfig } from "./pg-pool/client.ts";
import { Client } from "./pg-pool/client.ts";
import { drainInstant } from "../shared/virtual-clock.ts";
import { Pool, type PoolOptions } from "./pg-pool/pool.ts";
import { PoolRuntime, type RuntimeOptions } from "./sim-runtime.ts";
import { SummaryBuilder, type PoolSummary } from "./summary.ts";
import type { PoolTrace } from "./trace.ts";

export interface SimulationOptions extends RuntimeOptions {
  /** Keep every event in `events` (default true); a lesson hands its trace sink instead. */
  keepEvents?: boolean;
  /** Virtual ms after which a run stops (default 10 minutes). */
  limitMs?: number;
  /** Hops without engine activity that end a drain (default 32). */
  quietHops?: number;
}

export interface RunResult extends PoolSummary {
  /** Statements the run's connections sent to Postgres (each once, through PgBouncer or not). */
  statements: number;
  /** Virtual ms at which the run stopped. */
  endedAt: number;
  /** How the learner's code ended (pending: it was still waiting when the run stopped). */
  main: "fulfilled" | "rejected" | "pending";
  /** main's rejection, or the error that crashed the process. */
  error?: unknown;
  /**
   * Why the run stopped: "exited" (nothing kept the process alive: Node would exit), "hangs"
   * (something keeps it alive but nothing will ever happen), "limit" (still busy at the limit),
   * "crashed" (an uncaught error, as Node would crash).
   */
  stop: "exited" | "hangs" | "limit" | "crashed";
}

export class Simulation {
  readonly runtime: PoolRuntime;
  /** node-postgres's Pool, in this simulation: `new sim.Pool({ max: 20 })`. */
  readonly Pool: new (options?: PoolOptions) => Pool;
  /** node-postgres's Client, in this simulation. */
  readonly Client: new (config?: ClientConfig) => Client;
  /** Every trace event of the run, in order (empty with keepEvents: false). */
  readonly events: PoolTrace[] = [];
  private readonly summary = new SummaryBuilder();
  private readonly limitMs: number;
  private readonly quietHops: number;

  constructor(options: SimulationOptions) {
    const sink = options.trace;
    const keep = options.keepEvents ?? true;
    this.runtime = new PoolRuntime({
      ...options,
      trace: (event) => {
        this.summary.add(event);
        if (keep) this.events.push(event);
        sink?.(event);
      },
    });
    this.limitMs = options.limitMs ?? 600_000;
    this.quietHops = options.quietHops ?? 32;
    const runtime = this.runtime;
    // Constructors that return the engine's own instances: one class for every simulation, so
    // the engine's code keeps seeing the same object shapes run after run (a class per simulation
    // would give each run new hidden classes and leave the engine's inline caches megamorphic).
    this.Pool = function (poolOptions: PoolOptions = {}) {
      return new Pool(poolOptions, runtime);
    } as unknown as new (options?: PoolOptions) => Pool;
    this.Client = function (config: ClientConfig = {}) {
      return new Client(runtime, config);
    } as unknown as new (config?: ClientConfig) => Client;
  }

  get server() {
    return this.runtime.server;
  }

  now(): number {
    return this.runtime.now();
  }

  /** Resolves `ms` later on the virtual clock (a ref'ed timer, as setTimeout is). */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.runtime.setTimer(resolve, ms));
  }

  sleepUntil(t: number): Promise<void> {
    return this.sleep(t - this.now());
  }

  /** pg_terminate_backend(pid), from an administrator's session outside the pools. */
  terminate(pid: number): boolean {
    return this.runtime.terminate(pid);
  }

  /** Runs `main` by THE RULE above until it stops; the summary of the whole run's trace. */
  async run(main: () => Promise<void> | void, options: { limitMs?: number } = {}): Promise<RunResult> {
    const limit = options.limitMs ?? this.limitMs;
    const { runtime } = this;
    const clock = runtime.clock;
    const ran: { main: RunResult["main"]; error?: unknown } = { main: "pending" };
    new Promise<void>((resolve) => resolve(main())).then(
      () => (ran.main = "fulfilled"),
      (error) => Object.assign(ran, { main: "rejected", error }),
    );
    let stop: RunResult["stop"];
    try {
      for (;;) {
        await this.drain();
        if (runtime.failure) throw runtime.failure.error;
        if (runtime.inflight.size > 0) {
          await Promise.all(runtime.inflight);
          continue;
        }
        if (ran.main !== "pending" && !runtime.keepsAlive()) {
          stop = "exited";
          break;
        }
        const next = clock.nextAt();
        if (next === undefined) {
          stop = "hangs";
          break;
        }
        if (next > limit) {
          clock.advanceTo(limit);
          stop = "limit";
          break;
        }
        clock.advanceTo(next);
      }
    } catch (crash) {
      stop = "crashed";
      ran.error = crash;
    }
    return { ...this.summary.result(), statements: this.summary.statements, endedAt: this.now(), ...ran, stop };
  }

  /** Runs every continuation scheduled at this instant (THE RULE, 1). */
  private drain(): Promise<void> {
    return drainInstant(() => this.runtime.activity, this.quietHops);
  }
}
