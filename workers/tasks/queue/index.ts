// Job queues on the tasks loop (docs/architecture.md, "The durable queue"): the durable one on the
// Redis engine's streams, the in-memory one that loses a job on a crash, and the Redis engine on
// the loop's clock that the durable one runs against.
export { durableQueue, type DurableQueueOptions } from "./durable.ts";
export { memoryQueue, type MemoryJobQueue, type MemoryQueueOptions } from "./memory.ts";
export { queueControls, type QueueControls, type WorkerView } from "./controls.ts";
export { EPOCH, redisOnLoop, type RedisOnLoop, type RedisOnLoopOptions } from "./redis-on-loop.ts";
export { queuePlayground, type QueuePlaygroundEnv } from "./playground.ts";
export { backoffFor, type Handler, type Job, type JobQueue, type QueueWorker, type RetryPolicy, type WorkerState } from "./types.ts";
export type * from "./trace.ts";
