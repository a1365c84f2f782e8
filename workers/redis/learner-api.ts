// What `import … from "playground/redis"` gives lesson code: its types, for the editor and the
// typecheck. The values come from playground.ts, built per run with the run's clock and trace.
import type { ClientOptions, RedisClientType } from "./client/client.ts";

export type { ClientOptions, RedisClientType } from "./client/client.ts";
export type { SetOptions, ZMember } from "./client/commands.ts";

/** A client of this lesson's Redis server (one per run, empty at the start). Call `connect()` before use. */
export declare function createClient(options?: ClientOptions): RedisClientType;

/**
 * Moves this lesson's clock forward, as if `ms` milliseconds had passed: keys whose TTL runs out
 * expire (lazily on access, and in the active sweep), blocked commands time out.
 */
export declare function advanceTime(ms: number): void;
