// The real Redis, for the differential tests, the bridge's tests and the bench: find its tools
// (or say how to install them), start a throwaway redis-server with no persistence on a free
// loopback port, speak RESP2 to it over node:net, and stop it at the end.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer, Socket } from "node:net";
import { afterAll, beforeAll } from "vitest";

const INSTALL = "install redis-server (Debian/Ubuntu: sudo apt-get install -y redis-server), which brings redis-cli and redis-benchmark";

/** Why `tool` (redis-server, redis-cli, redis-benchmark) cannot run, saying what to install; undefined when it can. */
function missingTool(tool: string): string | undefined {
  const probe = spawnSync(tool, ["--version"], { encoding: "utf8" });
  return probe.error || probe.status !== 0 ? `${tool} was not found: ${INSTALL}` : undefined;
}

/** Throws, saying what to install, when `tool` (redis-server, redis-cli, redis-benchmark) is missing. */
export function requireTool(tool: string): void {
  const missing = missingTool(tool);
  if (missing !== undefined) throw new Error(missing);
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

export type Resp =
  | { t: "simple"; v: string }
  | { t: "error"; v: string }
  | { t: "int"; v: bigint }
  | { t: "bulk"; v: string | null }
  | { t: "array"; v: Resp[] | null };

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
  const missing = missingTool("redis-server");
  let real: RealRedis | undefined;
  beforeAll(async () => {
    if (missing === undefined) real = await startRealRedis();
  });
  afterAll(async () => {
    await real?.stop();
  });
  return () => {
    if (real === undefined) throw new Error(missing ?? "redis-server did not start");
    return real;
  };
}

/**
 * A redis-server with no persistence (`--save "" --appendonly no`) on a free loopback port, ready
 * to accept connections, and a connection to it.
 */
export async function startRealRedis(): Promise<RealRedis> {
  requireTool("redis-server");
  const port = await freePort();
  const child: ChildProcess = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--logfile", ""],
    { stdio: "ignore" },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let client: RespClient | undefined;
  for (let attempt = 0; client === undefined; attempt++) {
    try {
      client = await RespClient.connect(port);
    } catch (e) {
      if (attempt >= 100 || child.exitCode !== null) {
        child.kill("SIGKILL");
        throw new Error(`redis-server did not start on port ${port}`, { cause: e });
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
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
      client.close();
      for (const c of extra) c.close();
      if (child.exitCode === null) child.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    },
  };
}

export interface ToolRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a tool to completion, killing it (and failing) if it takes longer than `timeoutMs`. */
export function runTool(tool: string, args: string[], options: { input?: string; timeoutMs?: number } = {}): Promise<ToolRun> {
  requireTool(tool);
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (d: Buffer) => (stdout += d.toString("utf8")));
    child.stderr!.on("data", (d: Buffer) => (stderr += d.toString("utf8")));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${tool} ${args.join(" ")} did not finish in ${options.timeoutMs} ms\n${stdout}\n${stderr}`));
    }, options.timeoutMs ?? 30_000);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin!.end(options.input ?? "");
  });
}

/** Requests per second per test from `redis-benchmark -q` output, e.g. { SET: 81234.5, MSET: 9000 } ("MSET (10 keys): …"). */
export function parseBenchmark(output: string): Record<string, number> {
  const figures: Record<string, number> = {};
  for (const match of output.matchAll(/([A-Z_0-9]+)(?: \([^)]*\))?: ([\d.]+) requests per second/g)) figures[match[1]] = Number(match[2]);
  return figures;
}
