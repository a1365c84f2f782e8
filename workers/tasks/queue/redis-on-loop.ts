// The Redis engine on the tasks loop's clock: a server whose time is the loop's virtual time, and
// node-redis-style clients whose commands can be awaited from loop tasks.
//
// Two things make that work (docs/architecture.md, "The durable queue"):
//  - The clock. The server reads EPOCH + `loop.time()`, so a 30 s visibility timeout passes as
//    soon as the loop has nothing to do before it, and every idle time XPENDING shows is
//    virtual. Unix time, not 0, because Redis clamps a computed time below 0 (XCLAIM … IDLE), and
//    a round one: a `*` stream ID minus 1800000000000 is the virtual ms it was added at. Its
//    trace events are stamped back on the loop's ms, as the tasks engine's are.
//  - Blocking. A command Redis answers at once resolves a plain promise, and awaiting that keeps
//    the task's step going (loop.ts, "Driving native async functions"). A command that blocks
//    (XREADGROUP … BLOCK) must end the step instead, or no other task could ever XADD the entry
//    it waits for: its reply becomes a loop Future, settled at the very moment Redis releases the
//    connection (BlockState.onRelease, inside the XADD that served it), and a loop timer at the
//    BLOCK deadline runs the server's cron, which times the reader out, as serverCron would.
import { createClientFor, type ClientEnv, type ConnectionLike, type RedisClientTrace, type RedisClientType } from "../../redis/client/client.ts";
import { createRedis, ErrorReply, toNodeRedis, type Connection, type NodeRedisReply, type RedisServer, type RedisTraceSink } from "../../redis/index.ts";
import type { TimerHandle } from "../ready-queue.ts";
import { runningLoop } from "../combinators.ts";
import type { EventLoop } from "../loop.ts";

/** Redis's unix ms at the loop's time 0 (2027-01-15T08:00:00Z). */
export const EPOCH = 1_800_000_000_000;

export interface RedisOnLoop {
  readonly server: RedisServer;
  /** A client with a connection of its own (node-redis's createClient), already connected. */
  createClient(options?: { name?: string; rttMs?: number }): RedisClientType;
}

export interface RedisOnLoopOptions {
  /** The loop whose clock Redis keeps (default: the running loop). */
  loop?: EventLoop;
  /** Receives the server's events (commands, blocks) and the clients' round trips, at loop ms. */
  trace?: (event: Parameters<RedisTraceSink>[0] | RedisClientTrace) => void;
  seed?: number;
}

export function redisOnLoop(options: RedisOnLoopOptions = {}): RedisOnLoop {
  const loop = options.loop ?? runningLoop();
  const sink = options.trace;
  const trace =
    sink &&
    ((e: Parameters<RedisTraceSink>[0]) =>
      sink({ ...e, t: e.t - EPOCH, ...(e.kind === "expire" && e.at !== null ? { at: e.at - EPOCH } : {}), ...(e.kind === "block" && e.deadline !== null ? { deadline: e.deadline - EPOCH } : {}) }));
  const server = createRedis({ now: () => EPOCH + loop.time(), trace, seed: options.seed });
  const onLoop = { connect: () => new LoopConnection(server.connect(), loop, server) };
  // The clients measure their round trips on the loop's clock itself.
  const env: ClientEnv = { now: () => loop.time(), trace: sink };
  const make = createClientFor(onLoop, env);
  return {
    server,
    createClient(clientOptions = {}) {
      const client = make({ rttMs: 0, ...clientOptions });
      // connect() only opens the in-process connection: nothing to wait for.
      void client.connect();
      return client;
    },
  };
}

/** One engine connection, as the client sees it, with blocking replies handed to the loop. */
class LoopConnection implements ConnectionLike {
  constructor(
    private readonly conn: Connection,
    private readonly loop: EventLoop,
    private readonly server: RedisServer,
  ) {}

  sendCommand(args: string[]): Promise<unknown> {
    const reply = this.conn.sendCommand(args);
    const block = this.conn.block;
    if (block === null) return reply; // answered: the task's step goes on
    // The loop future carries the outcome; the engine's own promise settles too, unheard.
    reply.catch(() => undefined);
    const fut = this.loop.createFuture<NodeRedisReply>();
    fut.displayName = `redis ${args[0].toUpperCase()}`;
    let timer: TimerHandle<null> | null = null;
    if (block.deadline !== 0) {
      // Redis releases a reader once its deadline is strictly past (timeout.c): 1 ms after it.
      timer = this.loop.callAt(block.deadline - EPOCH + 1, () => this.server.tick(), null);
    }
    block.onRelease = (r) => {
      timer?.cancel();
      if (fut.done()) return; // the awaiting task was cancelled meanwhile
      if (r instanceof Error) fut.setException(r);
      else if (r instanceof ErrorReply) fut.setException(new Error(r.message));
      else fut.setResult(toNodeRedis(r, this.server.binary));
    };
    // A loop Future is a thenable: the client's `await` suspends the task on it.
    return fut as unknown as Promise<unknown>;
  }

  onPush(listener: (frame: unknown[]) => void): void {
    this.conn.onPush(listener);
  }

  close(): void {
    this.conn.close();
  }
}
