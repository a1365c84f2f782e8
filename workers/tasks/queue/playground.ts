// What `playground/tasks` will offer lesson code for queues (the lead wires it into the tasks
// module): the same functions as index.ts, with the run's trace sink already given, so every
// queue event and every Redis command of the run lands on the run's trace. All of them are
// called inside the running loop (from the lesson's main coroutine), whose clock they keep.
import type { RedisClientTrace } from "../../redis/client/client.ts";
import type { RedisTrace } from "../../redis/trace.ts";
import { queueControls } from "./controls.ts";
import { durableQueue, type DurableQueueOptions } from "./durable.ts";
import { memoryQueue, type MemoryQueueOptions } from "./memory.ts";
import { redisOnLoop, type RedisOnLoopOptions } from "./redis-on-loop.ts";
import type { QueueTrace } from "./trace.ts";

export interface QueuePlaygroundEnv {
  /** The run's trace sink; events are stamped with the loop's virtual ms. */
  trace(event: QueueTrace | RedisTrace | RedisClientTrace): void;
}

export function queuePlayground(env: QueuePlaygroundEnv) {
  return {
    /** A Redis server on the running loop's clock; `createClient()` gives node-redis-style clients. */
    createRedis: (options: Omit<RedisOnLoopOptions, "trace"> = {}) => redisOnLoop({ ...options, trace: (e) => env.trace(e) }),
    durableQueue: <P = unknown>(...[redis, options = {}]: Parameters<typeof durableQueue<P>>) =>
      durableQueue<P>(redis, { ...options, trace: options.trace ?? ((e) => env.trace(e)) } satisfies DurableQueueOptions),
    memoryQueue: <P = unknown>(options: MemoryQueueOptions = {}) => memoryQueue<P>({ ...options, trace: options.trace ?? ((e) => env.trace(e)) }),
    queueControls,
  };
}
