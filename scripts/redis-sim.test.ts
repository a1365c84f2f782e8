// `npm run redis-sim`: starts, says where it listens, serves, and stops on Ctrl+C (SIGINT).
import { spawn, type ChildProcess } from "node:child_process";
import { describe, expect, it } from "vitest";
import { exchange } from "../workers/redis/resp/testing/wire.ts";

// `node --import tsx` rather than the tsx CLI: one process, so signals reach the server itself
// and nothing is left behind if a test kills it.

function start(args: string[]): { child: ChildProcess; output: () => string; line: Promise<string> } {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/redis-sim.ts", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const line = new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => {
      output += d.toString("utf8");
      if (output.includes("\n")) resolve(output.split("\n")[0]);
    });
    child.stderr!.on("data", (d: Buffer) => (output += d.toString("utf8")));
    child.on("exit", () => reject(new Error(`redis-sim exited: ${output}`)));
  });
  return { child, output: () => output, line };
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once("exit", (code) => resolve(code))));

describe("scripts/redis-sim.ts", () => {
  it("listens where it says, serves RESP2, and stops on SIGINT", async () => {
    const { child, output, line } = start(["--port", "0"]);
    try {
      const first = await line;
      const port = Number(/127\.0\.0\.1:(\d+)/.exec(first)?.[1]);
      expect(port).toBeGreaterThan(0);
      const want = { received: "+PONG\r\n+OK\r\n$1\r\nv\r\n", closed: false };
      expect(await exchange(port, "PING\r\nSET k v\r\nGET k\r\n", { expect: want })).toEqual(want);
      child.kill("SIGINT");
      expect(await exited(child)).toBe(0);
      expect(output()).toContain("stopped");
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });

  it("says so when the port is taken", async () => {
    const first = start(["--port", "0"]);
    try {
      const port = /127\.0\.0\.1:(\d+)/.exec(await first.line)![1];
      const second = start(["--port", port]);
      second.line.catch(() => {});
      expect(await exited(second.child)).toBe(1);
      expect(second.output()).toContain(`port ${port} is already in use`);
    } finally {
      first.child.kill("SIGKILL");
      await exited(first.child);
    }
  });

  it("refuses a bad port", async () => {
    const run = start(["--port", "http"]);
    run.line.catch(() => {});
    expect(await exited(run.child)).toBe(2);
    expect(run.output()).toContain("usage: npm run redis-sim");
  });
});
