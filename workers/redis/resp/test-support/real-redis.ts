// The real Redis tools, for the bridge's tests and bench: find them (or say how to install
// them), and start a throwaway redis-server on a free loopback port.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { open } from "./wire.ts";

const INSTALL = "install redis-server (Debian/Ubuntu: sudo apt-get install -y redis-server), which brings redis-cli and redis-benchmark";

/** Throws, saying what to install, when `tool` (redis-server, redis-cli, redis-benchmark) is missing. */
export function requireTool(tool: string): void {
  const probe = spawnSync(tool, ["--version"], { encoding: "utf8" });
  if (probe.error || probe.status !== 0) throw new Error(`${tool} was not found: ${INSTALL}`);
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== "object" || !address) throw new Error("no port");
  return address.port;
}

export interface RealRedis {
  port: number;
  stop(): Promise<void>;
}

/** A redis-server with no persistence on a free loopback port, ready to accept connections. */
export async function startRealRedis(): Promise<RealRedis> {
  requireTool("redis-server");
  const port = await freePort();
  const child: ChildProcess = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--logfile", ""],
    { stdio: "ignore" },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  for (let attempt = 0; ; attempt++) {
    try {
      (await open(port)).destroy();
      break;
    } catch (e) {
      if (attempt > 100 || child.exitCode !== null) throw new Error(`redis-server did not start on port ${port}`, { cause: e });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return {
    port,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
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
