// The bridge: one engine served over RESP2 on a loopback TCP port, so redis-cli, redis-benchmark
// and any Redis client can talk to it. This is a host (Node), not the engine: it owns the
// sockets and the real clock. Each socket gets its own engine connection and is served as
// Redis serves a client: requests run one at a time in arrival order (a blocked command such as
// BLPOP holds back the ones pipelined behind it), replies go out in the same order, pub/sub
// messages are written as they arrive, and a protocol error is answered, then the connection
// is closed and nothing after it is run. QUIT belongs to the engine: it answers +OK and closes
// its connection, and the bridge closes the socket behind the reply.
import { createServer, type Server, type Socket } from "node:net";
import { ErrorReply, type Outcome, type Reply } from "../reply.ts";
import { encodeOutcome, encodeReply } from "./encode.ts";
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
}

const TICK_MS = 100;
/** Redis's default hard limit for pub/sub clients' pending output (client-output-buffer-limit pubsub 32mb 8mb 60). */
const PUBSUB_OUTPUT_HARD_LIMIT = 32 * 1024 * 1024;

export async function startRespServer(engine: BridgeEngine, options: RespServerOptions = {}): Promise<RespServer> {
  const host = options.host ?? "127.0.0.1";
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    serveClient(socket, engine.connect());
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

function serveClient(socket: Socket, connection: BridgeConnection): void {
  socket.setNoDelay(true); // Redis sets TCP_NODELAY on client sockets
  const parser = new RequestParser();
  const unread: Buffer[] = [];
  let out = "";
  let running = false; // inside pump(): replies are flushed once at its end
  let blocked = false; // a command is waiting for its reply
  let closing = false;
  let engineClosed = false; // QUIT: the engine closed the connection
  let flushQueued = false;

  const flush = () => {
    flushQueued = false;
    if (out.length === 0 || socket.destroyed) return;
    socket.write(out, "latin1");
    out = "";
  };
  const closeAfterReply = () => {
    closing = true;
    flush();
    // Redis close()s the socket once the reply is written; destroying after 'finish' does the same.
    socket.end(() => socket.destroy());
  };

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

  const pump = () => {
    running = true;
    while (!closing && !blocked) {
      const request = parser.next();
      if (request === null) {
        if (readOnce()) continue;
        break;
      }
      if (request.kind === "error") {
        out += `-${request.message}\r\n`;
        closeAfterReply();
        break;
      }
      run(request.args);
      if (engineClosed) closeAfterReply();
    }
    running = false;
    flush();
  };

  const run = (args: string[]) => {
    let outcome: Outcome;
    try {
      outcome = connection.execute(args);
    } catch (e) {
      outcome = engineFailure(e);
    }
    if (outcome === null || typeof outcome !== "object" || Array.isArray(outcome) || outcome.kind !== "pending") {
      out += encodeOutcome(outcome);
      return;
    }
    blocked = true;
    outcome.promise.then(
      (reply) => resume(encodeReply(reply)),
      (e: unknown) => resume(encodeReply(engineFailure(e))),
    );
  };

  const resume = (reply: string) => {
    blocked = false;
    if (closing || socket.destroyed) return;
    out += reply;
    // While blocked, Redis keeps reading the socket without parsing; parse it all now.
    while (unread.length > 0) parser.append(unread.shift()!);
    pump();
  };

  connection.onPushReply((frame) => {
    if (closing) return;
    out += encodeReply(frame);
    // client-output-buffer-limit pubsub 32mb: Redis drops a subscriber that does not read.
    if (socket.writableLength + out.length > PUBSUB_OUTPUT_HARD_LIMIT) {
      closing = true;
      socket.destroy();
      return;
    }
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
    if (!blocked) pump();
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
