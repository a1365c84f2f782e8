// node-postgres's own pg-pool (the devDependency, 3.14.0: the version golden/pool.json recorded)
// run inside a simulation, to hold the engine's port of it to the original on scripts the
// recordings do not have. Its source is evaluated with the timers and nextTick it reaches for
// bound to the simulation's virtual clock (as Node's would be), and it drives the engine's own
// node-postgres Client model through the callback API pg-pool uses. Only tests load it.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Client } from "../pg-pool/client.ts";
import type { PoolOptions } from "../pg-pool/pool.ts";
import type { Simulation } from "../simulation.ts";
import type { MakePool, PoolLike } from "./replay-pool.ts";

const require = createRequire(import.meta.url);
const path = require.resolve("pg-pool");
const source = readFileSync(path, "utf8");

type PgPoolClass = new (options: PoolOptions, Client: unknown) => PoolLike;

/** A Node timer handle over a virtual timer: pg-pool calls unref() on some. */
class TimerHandle {
  constructor(
    readonly id: number,
    private readonly sim: Simulation,
  ) {}
  unref(): this {
    this.sim.runtime.unrefTimer(this.id);
    return this;
  }
}

/** pg's Client API over the engine's Client model: callbacks, and the private flags pg-pool reads. */
function clientClass(sim: Simulation) {
  return class PgClient extends Client {
    readonly connection = { stream: { destroy: () => this.destroySocket() } };
    constructor(options: PoolOptions) {
      super(sim.runtime, { user: options.user, database: options.database });
    }
    get _queryable(): boolean {
      return this.queryable;
    }
    get _ending(): boolean {
      return this.ending;
    }
    // @ts-expect-error pg's callback form, beside the promise form the replay uses
    connect(callback: (err?: Error) => void): void {
      this.connectWith(callback);
    }
    // @ts-expect-error pg's (text, values, callback) form when a callback is given
    query(sql: string, _values?: unknown, callback?: (err: Error | undefined, result?: unknown) => void) {
      // pg wraps its promise in .catch() (to rethrow with a better stack), as pg-pool wraps its
      // own: one hop more than the engine's, for every promise alike, so they settle in one order.
      if (!callback)
        return super.query(sql).catch((err) => {
          throw err;
        });
      this.submit(sql, callback);
    }
    // @ts-expect-error pg's callback form
    end(callback?: () => void): void {
      this.endWith(callback);
    }
  };
}

/** Makes pg-pool's Pool class for one simulation. */
function loadPgPool(sim: Simulation): PgPoolClass {
  const runtime = sim.runtime;
  const virtualGlobals = {
    setTimeout: (fire: () => void, ms: number) => new TimerHandle(runtime.setTimer(fire, ms), sim),
    clearTimeout: (handle: TimerHandle | undefined) => runtime.clearTimer(handle?.id),
    setImmediate: (fire: () => void) => runtime.setTimer(fire, 0),
    process: { nextTick: (fn: () => void) => runtime.nextTick(fn) },
    global: { Promise },
  };
  const names = Object.keys(virtualGlobals);
  const module = { exports: {} as unknown };
  new Function("require", "module", "exports", ...names, source)(require, module, module.exports, ...Object.values(virtualGlobals));
  return module.exports as PgPoolClass;
}

/** For replayPoolCase: pg-pool's Pool in the simulation, over the engine's Client model. */
export const realPgPool: MakePool = (sim, options) => {
  const Pool = loadPgPool(sim);
  return new Pool(options, clientClass(sim));
};
