// A worker's jobs (measureWorkers in playground/tasks): the learner's module imported afresh, as
// for serving, and its exported function called once per `job`, each call timed here in the worker
// so the figure is the work itself, not the trip to it. Only JSON's plain values go either way
// (protocol.ts JobValue): whatever else a job returns is refused as its outcome, saying why.
import { isJobValue } from "./read-message.ts";
import type { FromNode, JobValue } from "./protocol.ts";
import type { Clock, Evaluate } from "./transport.ts";

export interface NodeJobsEnv {
  post(message: FromNode): void;
  clock: Clock;
  evaluate: Evaluate;
  /** This worker's playground/* modules (node-modules.ts). */
  modules(worker: number): Record<string, unknown>;
  errorText(error: unknown): string;
  /** The worker's console (its lines go to the run's output). */
  console: Console;
}

export class NodeJobs {
  private exports: Record<string, unknown> | null = null;
  private loading = false;

  constructor(private readonly env: NodeJobsEnv) {}

  async load(code: string, worker: number): Promise<void> {
    if (this.loading) return;
    this.loading = true;
    try {
      this.exports = await this.env.evaluate(code, this.env.modules(worker), this.env.console);
    } catch (error) {
      this.env.post({ type: "load-failed", message: this.env.errorText(error) });
      return;
    }
    this.env.post({ type: "loaded" });
  }

  async run(id: number, exportName: string, args: JobValue[]): Promise<void> {
    const fail = (error: string) => this.env.post({ type: "job-done", id, ok: false, error });
    const fn = this.exports && Object.hasOwn(this.exports, exportName) ? this.exports[exportName] : undefined;
    if (typeof fn !== "function") return fail(`The module has no exported function named '${exportName}'`);
    const started = this.env.clock.now();
    let value: unknown;
    try {
      value = await (fn as (...a: JobValue[]) => unknown)(...args);
    } catch (error) {
      return fail(this.env.errorText(error));
    }
    const ms = this.env.clock.now() - started;
    if (value === undefined) value = null;
    if (!isJobValue(value)) return fail(`'${exportName}' returned something a worker cannot send back: return a number, a string, a boolean, null or an array of those`);
    this.env.post({ type: "job-done", id, ok: true, value, ms });
  }
}
