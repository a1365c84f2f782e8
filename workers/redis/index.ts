// The Redis engine (docs/architecture.md, "The parts" and "Contracts"): an in-memory Redis that
// answers as Redis 7.0 does.
//
//   const server = createRedis({ now: () => clock.now });
//   const conn = server.connect();
//   await conn.sendCommand(["SET", "k", "v", "EX", "60"]);   // "OK", as node-redis gives it
//   conn.execute(["GET", "k"]);                               // "v", a typed RESP reply
//   server.tick();                                            // after moving the clock
import { RedisServer, type RedisOptions } from "./engine.ts";

export type { RedisOptions } from "./engine.ts";
export type { Connection, PushListener, RawPushListener } from "./connection.ts";
export {
  ErrorReply,
  Frames,
  NIL_ARRAY,
  NilArray,
  Pending,
  SimpleString,
  bytesToUtf8,
  toNodeRedis,
  utf8ToBytes,
  type NodeRedisReply,
  type Outcome,
  type Reply,
} from "./reply.ts";
export type { RedisTrace, RedisTraceBody, RedisTraceSink } from "./trace.ts";
export { RedisServer };

/** A fresh server with 16 empty databases; time comes from `now` (unix ms, default Date.now). */
export function createRedis(options: RedisOptions = {}): RedisServer {
  return new RedisServer(options);
}
