// Random scripts in the shape of golden/pool.json's kind 'pool' (options, server, timed steps,
// an exit check), for holding the engine's Pool to pg-pool's own code where no recording goes:
// steps closer together than the recordings' 250 ms, so timers, connections and queries overlap.
//
// Each step's time has its own fraction of a millisecond (n/64 for step n, `until` at .5). Every
// delay in the model is whole milliseconds, so a timer always carries the fraction of the step that
// started it, and timers started by different steps never fall due at the same instant. At such a
// tie the simulation fires both before draining (simulation.ts, THE RULE 3), where Node drains in
// between, and pg-pool's promises take one hop more than the port's (its `.catch` wrapper): the
// two would settle in another order for a reason that is the simulation's, not the port's.
import { intBetween, mulberry32, pick, type Rng } from "../../testing/prng.ts";
import type { PoolCase, PoolStep } from "./replay-pool.ts";

const SQL = ["SELECT 1 AS n", "SELECT pg_sleep(0.2)", "SELECT 1/0 AS n", "SELECT 1 / (random() * 0)::int FROM pg_sleep(0.1)"];
const NO_EXPECT = {} as PoolStep["expect"];

function options(rng: Rng): PoolCase["options"] {
  const o: PoolCase["options"] = { max: intBetween(rng, 1, 4) };
  const min = pick(rng, [0, 0, 1, 2]);
  const idle = pick(rng, [undefined, 0, 400, 1500]);
  const timeout = pick(rng, [0, 0, 300, 900]);
  const maxUses = pick(rng, [undefined, undefined, 2, 3]);
  if (min) o.min = min;
  if (idle !== undefined) o.idleTimeoutMillis = idle;
  if (timeout) o.connectionTimeoutMillis = timeout;
  if (maxUses) o.maxUses = maxUses;
  if (rng() < 0.3) o.allowExitOnIdle = true;
  return o;
}

function step(rng: Rng, at: number, n: number, clients: string[], queries: { n: number }): PoolStep {
  const held = () => pick(rng, clients);
  const r = rng();
  if (r < 0.3 || clients.length === 0) {
    clients.push(`H${n}`);
    return { at, do: "connect", as: `H${n}`, expect: NO_EXPECT };
  }
  if (r < 0.5) {
    const error = pick(rng, [undefined, undefined, undefined, "boom", true] as const);
    return { at, do: "release", client: held(), ...(error === undefined ? {} : { error }), expect: NO_EXPECT };
  }
  if (r < 0.62) return { at, do: "query", on: held(), sql: pick(rng, SQL), as: `Q${++queries.n}`, expect: NO_EXPECT };
  if (r < 0.78) return { at, do: "pool_query", sql: pick(rng, SQL), as: `Q${++queries.n}`, expect: NO_EXPECT };
  if (r < 0.84) return { at, do: "terminate", client: held(), expect: NO_EXPECT };
  if (r < 0.89) return { at, do: "end", as: `E${n}`, expect: NO_EXPECT };
  return { at, do: "observe", expect: NO_EXPECT };
}

export function randomPoolCase(seed: number): PoolCase {
  const rng = mulberry32(seed);
  const server = pick(rng, [undefined, undefined, undefined, { max_connections: 4, superuser_reserved_connections: 1 }, "unresponsive" as const, undefined]);
  const steps: PoolStep[] = [];
  const clients: string[] = [];
  const queries = { n: 0 };
  let at = 0;
  for (let n = 1, count = intBetween(rng, 6, 16); n <= count; n++) {
    steps.push(step(rng, at + (n - 1) / 64, n, clients, queries));
    at += intBetween(rng, 20, 400);
  }
  return {
    name: `random script ${seed}`,
    kind: "pool",
    description: "random",
    options: options(rng),
    ...(server === undefined ? {} : { server }),
    steps,
    until: at + 500.5,
    exit_check: { observe_ms: 3000 },
    final: { pending: [] },
  };
}
