// `playground/redis` as lesson code imports it (types in learner-api.ts): one Redis server per
// run, clients in the style of node-redis, and a clock the lesson can move forward so a TTL of
// an hour can run out in an instant.
import { createRedis } from "./index.ts";
import { createClientFor, type RedisClientTrace } from "./client/client.ts";
import type { RedisTrace } from "./trace.ts";
import type * as LearnerApi from "./learner-api.ts";

export interface RedisModuleEnv {
  now(): number;
  trace(event: RedisTrace | RedisClientTrace): void;
}

export function redisModule(env: RedisModuleEnv): typeof LearnerApi {
  // Redis keeps unix time (EXPIREAT, TIME); the run clock counts from the run's start.
  const epoch = Date.now() - env.now();
  let skipped = 0;
  // Whole milliseconds, as Redis's own clock (mstime): a fractional run clock (performance.now)
  // would otherwise reach SET … PX arithmetic, which works on integers.
  const clock = () => epoch + env.now() + skipped;
  const now = () => Math.floor(clock());
  // Trace events are stamped on the run's clock, as every engine's are, so one playhead orders
  // them with the others; the time skipped is told by the `advance` events. An expiry's deadline
  // stays on Redis's own clock (skipped time included), counted from the run's start: the lesson
  // clock at a moment is its run time plus the jumps made by then.
  const trace = <E extends { t: number; at?: number | null }>(event: E) =>
    env.trace({ ...event, t: event.t - epoch - skipped, ...(typeof event.at === "number" ? { at: event.at - epoch } : {}) } as unknown as RedisTrace);
  const server = createRedis({ now, trace });
  // Redis's serverCron runs ten times a second (active expiry, the LRU clock): the clients read
  // the clock on every command anyway, so they run it when 100 ms have passed.
  let cronAt = clock();
  const clientClock = () => {
    const t = clock();
    if (t - cronAt >= 100) {
      cronAt = t;
      server.tick();
    }
    return t;
  };
  return {
    // The client measures round trips on the unrounded clock: most take well under 1 ms.
    createClient: createClientFor(server, { now: clientClock, trace }),
    advanceTime(ms: number) {
      if (!(ms >= 0)) throw new RangeError("advanceTime takes a number of milliseconds ≥ 0");
      // Told before the jump, so a visualization can put Redis's clock (which includes skipped
      // time) and the other engines' run clock on one axis.
      trace({ t: now(), source: "redis", kind: "advance", ms } as RedisTrace);
      skipped += ms;
      cronAt = clock();
      server.tick();
    },
  };
}
