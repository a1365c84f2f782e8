// redis.bridge: requests per second that redis-benchmark (-t get,set -q, 50 connections, no
// pipelining) gets from the bridge (`npm run redis-sim`: the playground's engine over RESP2)
// and from a real redis-server, both started here on loopback ports of this machine and run in
// alternating rounds; the figure is the median round, GET and SET together (total requests over
// total time). The bridge is not expected to win; the ratio says by how much it loses.
// Without pipelining both servers mostly wait on round trips and on redis-benchmark itself, so
// redis.bridge.pipelined (-P 16) is reported too: there the servers' own work shows.
import { spawnSync } from "node:child_process";
import { startBridge } from "../workers/redis/resp/bridge.ts";
import { parseBenchmark, requireTool, runTool, startRealRedis } from "../workers/redis/testing/real-redis.ts";
import { median, report } from "./harness.ts";

const REQUESTS = 100_000;
const WARMUP_REQUESTS = 10_000;
const ROUNDS = 3;

/** GET and SET together: 2n requests over the time both took. */
async function measure(port: number, requests: number, pipeline = 1): Promise<number> {
  const args = ["-p", String(port), "-t", "get,set", "-q", "-n", String(requests), "-P", String(pipeline)];
  const run = await runTool("redis-benchmark", args, { timeoutMs: 300_000 });
  const { GET, SET } = parseBenchmark(run.stdout);
  if (run.code !== 0 || !GET || !SET) throw new Error(`redis-benchmark failed on port ${port}:\n${run.stdout}\n${run.stderr}`);
  return 2 / (1 / GET + 1 / SET);
}

export default async function bench(): Promise<void> {
  requireTool("redis-benchmark");
  const version = /v=(\S+)/.exec(spawnSync("redis-server", ["--version"], { encoding: "utf8" }).stdout)?.[1] ?? "?";
  const [bridge, real] = await Promise.all([startBridge(), startRealRedis()]);
  try {
    await measure(bridge.port, WARMUP_REQUESTS);
    await measure(real.port, WARMUP_REQUESTS);
    for (const pipeline of [1, 16]) {
      const ours: number[] = [];
      const peer: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        ours.push(await measure(bridge.port, REQUESTS, pipeline));
        peer.push(await measure(real.port, REQUESTS, pipeline));
        console.error(`  -P ${pipeline} round ${round + 1}: bridge ${ours[round].toFixed(0)} req/s, redis-server ${peer[round].toFixed(0)} req/s`);
      }
      report({
        bench: pipeline === 1 ? "redis.bridge" : "redis.bridge.pipelined",
        ours: median(ours),
        unit: `requests/s (redis-benchmark -t get,set -q${pipeline === 1 ? "" : ` -P ${pipeline}`})`,
        peer: `redis-server ${version}`,
        peerValue: median(peer),
      });
    }
  } finally {
    await Promise.all([bridge.close(), real.stop()]);
  }
}
