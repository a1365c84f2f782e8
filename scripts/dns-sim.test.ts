// `npm run dns-sim`: starts, says where it listens, answers dig's kind of client, logs each
// resolution, stops on SIGINT; a taken port and a bad argument end it with a reason.
import { spawn } from "node:child_process";
import { createSocket } from "node:dgram";
import { Resolver } from "node:dns/promises";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { describe, expect, it } from "vitest";

/** The script in one process (`node --import tsx`, so a signal reaches it), with its output so far. */
function run(...args: string[]) {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/dns-sim.ts", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  const lines: string[] = [];
  createInterface({ input: child.stdout! }).on("line", (l) => lines.push(l));
  createInterface({ input: child.stderr! }).on("line", (l) => lines.push(l));
  const exit = once(child, "exit").then(([code]) => code as number | null);
  const waitFor = async (pattern: RegExp) => {
    for (;;) {
      const found = lines.find((l) => pattern.test(l));
      if (found) return found;
      if (child.exitCode !== null) throw new Error(`dns-sim exited:\n${lines.join("\n")}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  return { child, lines, exit, waitFor };
}

describe("scripts/dns-sim.ts", () => {
  it("listens where it says, resolves, logs each resolution, and stops on SIGINT", async () => {
    const sim = run("--port", "0");
    try {
      const port = Number(/127\.0\.0\.1:(\d+)/.exec(await sim.waitFor(/listening/))![1]);
      const client = new Resolver({ timeout: 3000, tries: 1 });
      client.setServers([`127.0.0.1:${port}`]);
      expect(await client.resolve4("www.example.test")).toEqual(["192.0.2.10", "192.0.2.11", "192.0.2.12"]);
      await expect(client.resolve4("loop-a.example.test")).rejects.toMatchObject({ code: "ESERVFAIL" });
      expect(await sim.waitFor(/loop-a/)).toMatch(/loop-a\.example\.test\. A → SERVFAIL/);
      expect(sim.lines.find((l) => l.includes(" www.example.test. A"))).toMatch(/NOERROR, 4 records \(3 queries, 104 ms\)/);
      sim.child.kill("SIGINT");
      expect(await sim.exit).toBe(0);
      expect(sim.lines.at(-1)).toBe("dns-sim: stopped (SIGINT)");
    } finally {
      if (sim.child.exitCode === null) sim.child.kill("SIGKILL");
    }
  });

  it("says so when the UDP port is taken", async () => {
    const taken = createSocket("udp4");
    await new Promise<void>((r) => taken.bind(0, "127.0.0.1", r));
    try {
      const { port } = taken.address();
      const sim = run("--port", String(port));
      expect(await sim.exit).toBe(1);
      expect(sim.lines.join("\n")).toContain(`UDP port ${port} is already in use`);
    } finally {
      taken.close();
    }
  });

  it("refuses a bad port and an unknown option", async () => {
    for (const args of [["--port", "dns"], ["--port", "70000"], ["--verbose"]]) {
      const sim = run(...args);
      expect(await sim.exit, args.join(" ")).toBe(2);
      expect(sim.lines.join("\n")).toContain("usage: npm run dns-sim");
    }
  });
});
