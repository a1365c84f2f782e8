// redis.streams: commands per second of a durable-queue script — XADD a job, XREADGROUP it in a
// consumer group, XACK it — from 50 connections, unpipelined, through the bridge (the
// playground's engine over RESP2, as `npm run redis-sim` serves it) and against a real
// redis-server, both on loopback ports of this machine, in alternating rounds; the figure is the
// median round. The clients run in a process of their own (bench/redis-streams/client.ts), the
// same program for both servers, so the bridge never shares its event loop with its load.
import { spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { startBridge } from "../workers/redis/resp/bridge.ts";
import { startRealRedis } from "../workers/redis/testing/real-redis.ts";
import { median, report } from "./harness.ts";

const CLIENTS = 50;
const ITERATIONS = 200; // per client: 50 × 200 × 3 = 30,000 commands a round
const WARMUP = 40;
const ROUNDS = 5;
const CLIENT = fileURLToPath(new URL("./redis-streams/client.ts", import.meta.url));

/** Run the load once against a port, on a fresh key; commands per second. */
function load(port: number, iterations: number, key: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", CLIENT, String(port), String(CLIENTS), String(iterations), key], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`the stream clients failed on port ${port} (exit ${code})`));
      const { commands, seconds } = JSON.parse(out) as { commands: number; seconds: number };
      resolve(commands / seconds);
    });
  });
}

export default async function bench(): Promise<void> {
  const version = /v=(\S+)/.exec(spawnSync("redis-server", ["--version"], { encoding: "utf8" }).stdout)?.[1] ?? "?";
  const [bridge, real] = await Promise.all([startBridge(), startRealRedis()]);
  try {
    await load(bridge.port, WARMUP, "warmup");
    await load(real.port, WARMUP, "warmup");
    const ours: number[] = [];
    const peer: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      ours.push(await load(bridge.port, ITERATIONS, `jobs:${round}`));
      peer.push(await load(real.port, ITERATIONS, `jobs:${round}`));
      console.error(`  round ${round + 1}: bridge ${ours[round].toFixed(0)} commands/s, redis-server ${peer[round].toFixed(0)} commands/s`);
    }
    report({
      bench: "redis.streams",
      ours: median(ours),
      unit: `commands/s (XADD, XREADGROUP, XACK; ${CLIENTS} connections, unpipelined)`,
      peer: `redis-server ${version}`,
      peerValue: median(peer),
    });
  } finally {
    await Promise.all([bridge.close(), real.stop()]);
  }
}
