// A real redis-server for differential tests: started on a free loopback port with no
// persistence, spoken to in RESP2 over node:net, and killed at the end.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer, Socket } from "node:net";
import { afterAll, beforeAll } from "vitest";

export type Resp =
  | { t: "simple"; v: string }
  | { t: "error"; v: string }
  | { t: "int"; v: bigint }
  | { t: "bulk"; v: string | null }
  | { t: "array"; v: Resp[] | null };

/** The redis-server binary, or undefined when it is not installed. */
export function findRedisServer(): string | undefined {
  const r = spawnSync("sh", ["-c", "command -v redis-server"], { encoding: "utf8" });
  const path = r.stdout.trim();
  return r.status === 0 && path ? path : undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Parse one RESP2 value from buf at pos; undefined when incomplete. */
function parse(buf: Buffer, pos: number): { value: Resp; next: number } | undefined {
  const eol = buf.indexOf("\r\n", pos, "latin1");
  if (eol < 0) return undefined;
  const line = buf.toString("latin1", pos + 1, eol);
  const after = eol + 2;
  switch (String.fromCharCode(buf[pos])) {
    case "+":
      return { value: { t: "simple", v: line }, next: after };
    case "-":
      return { value: { t: "error", v: line }, next: after };
    case ":":
      return { value: { t: "int", v: BigInt(line) }, next: after };
    case "$": {
      const n = Number(line);
      if (n < 0) return { value: { t: "bulk", v: null }, next: after };
      if (buf.length < after + n + 2) return undefined;
      return { value: { t: "bulk", v: buf.toString("latin1", after, after + n) }, next: after + n + 2 };
    }
    case "*": {
      const n = Number(line);
      if (n < 0) return { value: { t: "array", v: null }, next: after };
      const items: Resp[] = [];
      let p = after;
      for (let i = 0; i < n; i++) {
        const r = parse(buf, p);
        if (r === undefined) return undefined;
        items.push(r.value);
        p = r.next;
      }
      return { value: { t: "array", v: items }, next: p };
    }
    default:
      throw new Error(`bad RESP type byte ${buf[pos]}`);
  }
}

export class RespClient {
  private buf = Buffer.alloc(0);
  private waiting: ((r: Resp) => void)[] = [];

  private constructor(private readonly socket: Socket) {
    socket.on("data", (chunk) => {
      this.buf = Buffer.concat([this.buf, chunk]);
      for (;;) {
        if (this.buf.length === 0) break;
        const r = parse(this.buf, 0);
        if (r === undefined) break;
        this.buf = this.buf.subarray(r.next);
        this.waiting.shift()?.(r.value);
      }
    });
  }

  static connect(port: number): Promise<RespClient> {
    return new Promise((resolve, reject) => {
      const s = new Socket();
      s.once("error", reject);
      s.connect(port, "127.0.0.1", () => {
        s.off("error", reject);
        resolve(new RespClient(s));
      });
    });
  }

  /** Send one command (args as byte strings) and wait for its reply. */
  send(args: string[]): Promise<Resp> {
    let out = `*${args.length}\r\n`;
    for (const a of args) out += `$${Buffer.byteLength(a, "latin1")}\r\n${a}\r\n`;
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.socket.write(Buffer.from(out, "latin1"));
    });
  }

  close(): void {
    this.socket.destroy();
  }
}

export interface RealRedis {
  port: number;
  client: RespClient;
  /** Another connection to the same server (closed by stop()). */
  connect(): Promise<RespClient>;
  stop(): Promise<void>;
}

/**
 * For a describe block: a real redis-server started before its tests and stopped after them. The
 * accessor fails the test that calls it, saying what to install, when the machine has none.
 */
export function useRealRedis(): () => RealRedis {
  const binary = findRedisServer();
  let real: RealRedis | undefined;
  beforeAll(async () => {
    if (binary !== undefined) real = await startRedis(binary);
  });
  afterAll(async () => {
    await real?.stop();
  });
  return () => {
    if (real === undefined) {
      throw new Error("redis-server is not installed: install it (apt-get install -y redis-server) to run this comparison; CI always has it");
    }
    return real;
  };
}

/** Start redis-server on a free loopback port (`--save "" --appendonly no`) and connect to it. */
export async function startRedis(binary: string): Promise<RealRedis> {
  const port = await freePort();
  const child: ChildProcess = spawn(binary, ["--save", "", "--appendonly", "no", "--port", String(port), "--bind", "127.0.0.1"], {
    stdio: "ignore",
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let client: RespClient | undefined;
  for (let i = 0; i < 100 && client === undefined; i++) {
    try {
      client = await RespClient.connect(port);
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  if (client === undefined) {
    child.kill("SIGKILL");
    throw new Error(`redis-server did not accept connections on port ${port}`);
  }
  const extra: RespClient[] = [];
  return {
    port,
    client,
    async connect() {
      const c = await RespClient.connect(port);
      extra.push(c);
      return c;
    },
    async stop() {
      client!.close();
      for (const c of extra) c.close();
      if (child.exitCode === null) child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    },
  };
}
