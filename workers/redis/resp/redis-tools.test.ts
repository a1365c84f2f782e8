// The real Redis tools talk to the bridge: redis-cli (commands as arguments, from stdin, and raw
// inline protocol with --pipe) and redis-benchmark. They come with redis-server (CI installs
// it); without them these tests fail and say what to install.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBridge } from "./bridge.ts";
import type { RespServer } from "./server.ts";
import { parseBenchmark, requireTool, runTool } from "../testing/real-redis.ts";

let server: RespServer;
beforeAll(async () => {
  server = await startBridge();
});
afterAll(async () => {
  await server?.close();
});

const cli = (args: string[], input?: string) => runTool("redis-cli", ["-p", String(server.port), ...args], { input, timeoutMs: 15_000 });

describe("redis-cli against the bridge", () => {
  it("is installed", () => {
    requireTool("redis-cli");
  });

  it("PING, SET and GET", async () => {
    expect((await cli(["PING"])).stdout).toBe("PONG\n");
    expect((await cli(["SET", "greeting", "hello world"])).stdout).toBe("OK\n");
    expect((await cli(["GET", "greeting"])).stdout).toBe("hello world\n");
    expect((await cli(["GET", "missing"])).stdout).toBe("\n");
    // redis-cli prints an error reply with an empty line after it.
    expect((await cli(["INCR", "greeting"])).stdout).toBe("ERR value is not an integer or out of range\n\n");
  });

  it("runs commands read from stdin", async () => {
    const { stdout } = await cli([], 'SET quoted "a b"\nGET quoted\nRPUSH l x y\nLRANGE l 0 -1\n');
    expect(stdout).toBe("OK\na b\n2\nx\ny\n");
  });

  it("--pipe sends inline commands as raw protocol and reads every reply", async () => {
    const run = await cli(["--pipe"], 'SET piped 1\r\nINCR piped\r\nECHO "two words"\r\n');
    // redis-cli appends an ECHO of its own to know the last reply has come; it does not count it.
    expect(run.stdout).toMatch(/errors: 0, replies: 3/);
    expect(run.code).toBe(0);
    expect((await cli(["GET", "piped"])).stdout).toBe("2\n");
  });
});

describe("redis-benchmark against the bridge", () => {
  it("runs -t get,set -n 2000 to the end", async () => {
    const run = await runTool("redis-benchmark", ["-p", String(server.port), "-t", "get,set", "-n", "2000", "-q"], { timeoutMs: 60_000 });
    expect(run.code).toBe(0);
    const figures = parseBenchmark(run.stdout);
    expect(Object.keys(figures).sort()).toEqual(["GET", "SET"]);
    for (const rps of Object.values(figures)) expect(rps).toBeGreaterThan(0);
    expect(server.clients).toBeLessThanOrEqual(1); // its 50 connections are gone again
  });

  it("runs its whole default suite, PING_INLINE included", async () => {
    const run = await runTool("redis-benchmark", ["-p", String(server.port), "-n", "500", "-q"], { timeoutMs: 90_000 });
    expect(run.code).toBe(0);
    const figures = parseBenchmark(run.stdout);
    for (const test of ["PING_INLINE", "PING_MBULK", "SET", "GET", "INCR", "LPUSH", "RPOP", "SADD", "HSET", "SPOP", "ZADD", "ZPOPMIN", "MSET"]) {
      expect(figures[test], test).toBeGreaterThan(0);
    }
  });
});
