// A test's world for the job queues: a run of the tasks loop with a Redis engine on its clock, a
// producer client, and every queue and Redis event recorded. Times are the loop's virtual ms.
import { run } from "../../runner.ts";
import { durableQueue, type DurableQueueOptions } from "../durable.ts";
import { memoryQueue, type MemoryJobQueue, type MemoryQueueOptions } from "../memory.ts";
import { redisOnLoop, type RedisOnLoop } from "../redis-on-loop.ts";
import type { QueueTrace } from "../trace.ts";
import type { JobQueue } from "../types.ts";
import type { RedisClientType } from "../../../redis/client/client.ts";

export interface DurableWorld {
  queue: JobQueue<Email>;
  redis: RedisOnLoop;
  producer: RedisClientType;
  events: QueueTrace[];
  /** Redis commands as the engine traced them: [loop ms, "XADD jobs …"]. */
  commands: [number, string][];
}

export interface Email {
  to: string;
}

export async function withDurableQueue<T>(options: DurableQueueOptions, body: (world: DurableWorld) => Promise<T>): Promise<T> {
  const events: QueueTrace[] = [];
  const commands: [number, string][] = [];
  return run(async () => {
    const redis = redisOnLoop({
      trace: (e) => {
        if (e.source === "redis" && e.kind === "command") commands.push([e.t, [e.name.toUpperCase(), ...e.args].join(" ")]);
      },
    });
    const producer = redis.createClient({ name: "producer" });
    const queue = await durableQueue<Email>(producer, { ...options, trace: (e) => events.push(e) });
    const out = await body({ queue, redis, producer, events, commands });
    await queue.stop();
    return out;
  });
}

export async function withMemoryQueue<T>(options: MemoryQueueOptions, body: (world: { queue: MemoryJobQueue<Email>; events: QueueTrace[] }) => Promise<T>): Promise<T> {
  const events: QueueTrace[] = [];
  return run(async () => {
    const queue = memoryQueue<Email>({ ...options, trace: (e) => events.push(e) });
    const out = await body({ queue, events });
    await queue.stop();
    return out;
  });
}

/** The events of one kind, narrowed. */
export function ofKind<K extends QueueTrace["kind"]>(events: QueueTrace[], kind: K): Extract<QueueTrace, { kind: K }>[] {
  return events.filter((e): e is Extract<QueueTrace, { kind: K }> => e.kind === kind);
}
