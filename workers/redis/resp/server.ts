// The bridge: one engine served over RESP2 on a loopback TCP port, so redis-cli, redis-benchmark
// and any Redis client can talk to it. This is a host (Node), not the engine: it owns the
// sockets and the real clock. Each socket gets its own engine connection and is served as
// Redis serves a client: requests run one at a time in arrival order (a blocked command such as
// BLPOP holds back the ones pipelined behind it), replies go out in the same order, pub/sub
// messages are written as they arrive, and a protocol error is answered, then the connection
// is closed and nothing after it is run. QUIT belongs to the engine: it answers +OK and closes
// its connection, and the bridge closes the socket behind the reply.
//
// Output, where a client can hurt the process: replies are queued in pieces (./client-output.ts)
// and written once the event loop turn has served every socket with input (PendingWrites, as
// Redis writes in beforeSleep), never joined into one string, so no pipeline and no
// reply is too long to send. A client that does not read its replies has its next commands held back once
// HIGH_WATER bytes wait for it (it is served on as it reads; to the client this is only
// latency), so a pipeline cannot pile up output. What one reply alone adds is bounded by
// output buffer limits, applied as Redis applies client-output-buffer-limit: past the hard
// limit the client is closed at once, its unsent replies dropped, the closing logged, and
// everyone else served on.
import { createServer, type Server, type Socket } from "node:net";
import { ErrorReply, type Outcome, type Reply } from "../reply.ts";
import { ClientOutput, PendingWrites } from "./client-output.ts";
import { writeOutcome, writeReply } from "./encode.ts";
import { RequestParser } from "./request-parser.ts";

/** What the bridge needs of an engine connection (workers/redis/connection.ts has it). */
export interface BridgeConnection {
  /** One command: a reply, Frames (SUBSCRIBE a b: one reply per channel), or Pending while it blocks. */
  execute(args: string[]): Outcome;
  /** Frames delivered to this connection by others (pub/sub messages), synchronously. */
  onPushReply(listener: (frame: Reply[]) => void): unknown;
  /** The engine closed the connection (QUIT): the socket closes once the reply is out. */
  onClose(listener: () => void): void;
  close(): void;
}

/** The engine's server (workers/redis/engine.ts has it). */
export interface BridgeEngine {
  connect(): BridgeConnection;
  /** The clock moved: blocked clients time out, the active expiry cycle runs. Called every 100 ms (Redis's hz 10). */
  tick?(): void;
}

export interface RespServer {
  readonly host: string;
  readonly port: number;
  /** Open client connections. */
  readonly clients: number;
  close(): Promise<void>;
}

export interface RespServerOptions {
  port?: number;
  /** Loopback only by default: the engine has no authentication. */
  host?: string;
  /**
   * The hard output buffer limit of a client that is not subscribed, in bytes
   * (client-output-buffer-limit normal <hard>). Redis has none by default; the bridge keeps
   * NORMAL_OUTPUT_HARD_LIMIT so that no one client can take the process's memory.
   */
  clientOutputLimit?: number;
  /** Where the bridge logs what Redis would log (a client closed over its limits). console.warn by default. */
  log?: (line: string) => void;
}

const TICK_MS = 100;
/** Redis's default hard limit for pub/sub clients' pending output (client-output-buffer-limit pubsub 32mb 8mb 60). */
const PUBSUB_OUTPUT_HARD_LIMIT = 32 * 1024 * 1024;
/**
 * The bridge's hard limit for other clients: above the largest bulk reply (proto-max-bulk-len,
 * 512 MB) with HIGH_WATER waiting before it, so only one reply bigger than any value (an EXEC or
 * LRANGE of many big values) can reach it.
 */
const NORMAL_OUTPUT_HARD_LIMIT = 1024 * 1024 * 1024;
/** Unsent bytes past which a client's next commands wait for it to read. */
const HIGH_WATER = 1024 * 1024;

interface ClientLimits {
  normal: number;
  log: (line: string) => void;
}

export async function startRespServer(engine: BridgeEngine, options: RespServerOptions = {}): Promise<RespServer> {
  const host = options.host ?? "127.0.0.1";
  const limits: ClientLimits = { normal: options.clientOutputLimit ?? NORMAL_OUTPUT_HARD_LIMIT, log: options.log ?? ((line) => console.warn(line)) };
  const sockets = new Set<Socket>();
  const writes = new PendingWrites();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    serveClient(socket, engine.connect(), limits, writes);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const tick = engine.tick ? setInterval(() => engine.tick?.(), TICK_MS) : undefined;
  tick?.unref();
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    host,
    port,
    get clients() {
      return sockets.size;
    },
    close() {
      if (tick) clearInterval(tick);
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function serveClient(socket: Socket, connection: BridgeConnection, limits: ClientLimits, writes: PendingWrites): void {
  socket.setNoDelay(true); // Redis sets TCP_NODELAY on client sockets
  const parser = new RequestParser();
  const unread: Buffer[] = [];
  const output = new ClientOutput(socket);
  const addr = `addr=${socket.remoteAddress}:${socket.remotePort} laddr=${socket.localAddress}:${socket.localPort}`;
  let running = false; // inside pump(): replies are listed for writing once, at its end
  let blocked = false; // a command is waiting for its reply
  let holding = false; // commands wait until the client reads the replies before them
  let closing = false;
  let engineClosed = false; // QUIT: the engine closed the connection
  let flushQueued = false;

  const flush = () => {
    flushQueued = false;
    output.flush();
  };
  const closeAfterReply = () => {
    closing = true;
    flush();
    // Redis close()s the socket once the reply is written; destroying after 'finish' does the same.
    socket.end(() => socket.destroy());
  };
  /** freeClientAsync: closed now, whatever it has not been sent yet is dropped. */
  const drop = (why: string) => {
    closing = true;
    limits.log(why);
    socket.destroy();
  };

  // The sink the encoder hands pieces to, made once per client rather than once per reply: it
  // queues each piece and stops the encoding once the client is over the limit of this send.
  let limit = limits.normal;
  let over = false;
  const sink = (piece: string): boolean => {
    output.add(piece);
    over = output.pending >= limit;
    return !over;
  };
  /** Writes a settled outcome (or a pushed frame) piece by piece under `max`; false if the client was dropped on the way. */
  const send = (value: Exclude<Outcome, { kind: "pending" }>, frame: boolean, max: number, flags: string): boolean => {
    limit = max;
    over = false;
    try {
      if (frame) writeReply(value as Reply, sink);
      else writeOutcome(value, sink);
    } catch (e) {
      // Part of the reply may be queued already: the stream cannot go on, the process can.
      drop(`Client ${addr} flags=${flags} closed: its reply could not be encoded (${e instanceof Error ? e.message : String(e)}).`);
      return false;
    }
    if (over) drop(`Client ${addr} flags=${flags} omem=${output.pending} scheduled to be closed ASAP for overcoming of output buffer limits.`);
    return !over;
  };
  const reply = (outcome: Exclude<Outcome, { kind: "pending" }>) => send(outcome, false, limits.normal, "N");

  // Feeds the parser what Redis would take in one read(), so its size limits trip on the same bytes.
  const readOnce = (): boolean => {
    if (unread.length === 0) return false;
    const want = parser.readLength();
    const chunk = unread[0];
    if (chunk.length <= want) {
      unread.shift();
      parser.append(chunk);
    } else {
      parser.append(chunk.subarray(0, want));
      unread[0] = chunk.subarray(want);
    }
    return true;
  };

  // The socket stops being read too, so the client's requests wait in the kernel, not here.
  const holdUntilRead = () => {
    holding = true;
    socket.pause();
    socket.once("drain", () => {
      holding = false;
      socket.resume();
      if (!closing && !blocked) pump();
    });
  };

  const pump = () => {
    running = true;
    while (!closing && !blocked) {
      if (output.pending > HIGH_WATER) {
        output.flush();
        if (output.pending > HIGH_WATER) {
          holdUntilRead();
          break;
        }
      }
      const request = parser.next();
      if (request === null) {
        if (readOnce()) continue;
        break;
      }
      if (request.kind === "error") {
        output.add(`-${request.message}\r\n`);
        closeAfterReply();
        break;
      }
      run(request.args);
      if (engineClosed && !closing) closeAfterReply();
    }
    running = false;
    // Written with every other client's replies once this turn has served all its sockets.
    writes.add(output);
  };

  const run = (args: string[]) => {
    let outcome: Outcome;
    try {
      outcome = connection.execute(args);
    } catch (e) {
      outcome = engineFailure(e);
    }
    if (outcome === null || typeof outcome !== "object" || Array.isArray(outcome) || outcome.kind !== "pending") {
      reply(outcome);
      return;
    }
    blocked = true;
    outcome.promise.then(
      (served) => resume(served),
      (e: unknown) => resume(engineFailure(e)),
    );
  };

  const resume = (served: Reply) => {
    blocked = false;
    if (closing || socket.destroyed) return;
    if (!reply(served)) return;
    // While blocked, Redis keeps reading the socket without parsing; parse it all now.
    while (unread.length > 0) parser.append(unread.shift()!);
    pump();
  };

  connection.onPushReply((frame) => {
    if (closing) return;
    // client-output-buffer-limit pubsub 32mb: Redis drops a subscriber that does not read.
    if (!send(frame, true, PUBSUB_OUTPUT_HARD_LIMIT, "P")) return;
    if (!running && !flushQueued) {
      flushQueued = true;
      queueMicrotask(flush);
    }
  });
  connection.onClose(() => {
    engineClosed = true;
    if (!running && !closing) closeAfterReply();
  });

  socket.on("data", (chunk: Buffer) => {
    if (closing) return;
    unread.push(chunk);
    if (!blocked && !holding) pump();
  });
  socket.on("error", () => socket.destroy());
  socket.on("close", () => {
    closing = true;
    if (!engineClosed) connection.close();
  });
}

/** An engine that throws has a bug; the client still gets an answer, as an error reply. */
function engineFailure(e: unknown): ErrorReply {
  return new ErrorReply(`ERR ${e instanceof Error ? e.message : String(e)}`);
}
