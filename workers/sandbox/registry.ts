// The modules learner code can import as `playground/<name>`. An engine plugs in with one line
// here (and its source file in modules.ts, from which the editor's types are generated). Each
// entry is a factory called once per run with that run's clock and trace sink, so an engine
// stays plain TypeScript that is handed time and a place to report, never reaching for either.
import * as checks from "./checks-api";
import type { TraceEvent } from "../trace";
import type { InjectedEvent } from "../injections";
import { webModule } from "../web/playground.ts";
import { redisModule } from "../redis/playground.ts";
import { postgresChecksModule, postgresModule, statementsFor } from "../postgres/playground.ts";
import { poolModule } from "../pool/playground.ts";
import { searchModule } from "../search/playground.ts";
import { clusterModule } from "../cluster/playground.ts";
import { validationModule } from "../validation/playground.ts";
import { serializationModule } from "../serialization/playground.ts";
import { dnsModule } from "../dns/playground.ts";
import { tasksModule } from "../tasks/playground.ts";
import { jobWorkersFor } from "../cluster/job-workers.ts";

export interface ModuleEnv {
  /** Milliseconds on the run's clock (run-clock.ts: a running loop's placed time while it runs). */
  now(): number;
  /**
   * Lets an engine in virtual time put its own time on the run's clock while it runs, so every
   * engine's events made meanwhile land on its axis (run-clock.ts). Returns the release.
   */
  placeClock?(placed: () => number): () => void;
  /** Reports what an engine did; the visualization renders from these. */
  trace(event: TraceEvent): void;
  /**
   * A channel to an engine that lives outside the sandbox because it is costly to build and must
   * outlive a stopped run (the seeded Postgres), when the lesson uses one.
   */
  port(name: string): MessagePort | undefined;
  /**
   * The learner's module as the sandbox transpiled it (CommonJS), for an engine that runs it again
   * elsewhere (each worker of playground/cluster imports it afresh). Throws before it is transpiled.
   */
  learnerCode(): string;
  /** Writes a line to the run's console (what an engine relays from learner code it runs elsewhere). */
  log?(level: "log" | "info" | "warn" | "error", text: string): void;
  /** Events the page asked this run to inject (workers/injections.ts): the tasks engine's crashes. */
  injected?: readonly InjectedEvent[];
}

export type ModuleFactory = (env: ModuleEnv) => unknown;

export const PLAYGROUND_MODULES: Record<string, ModuleFactory> = {
  "playground/checks": () => checks,
  "playground/web": (env) => webModule(env),
  "playground/redis": (env) => redisModule(env),
  "playground/postgres": (env) => postgresModule(env),
  "playground/checks/postgres": (env) => postgresChecksModule(env),
  "playground/search": (env) => searchModule(env),
  "playground/pool": (env) => poolModule(env, statementsFor(env)),
  "playground/cluster": (env) => clusterModule(env),
  "playground/validation": (env) => validationModule(env),
  "playground/serialization": (env) => serializationModule(env),
  "playground/dns": (env) => dnsModule(env),
  "playground/tasks": (env) => tasksModule({ ...env, workers: jobWorkersFor(env) }),
};

export { instantiateModules } from "./lazy-modules";
