// `npm run redis-sim -- --port 6390`: serves the playground's Redis engine over RESP2 on
// loopback, so redis-cli, redis-benchmark and any Redis client can talk to it. One engine for
// all connections, on the real clock. Ctrl+C stops it.
import { startBridge } from "../workers/redis/resp/bridge.ts";

const USAGE = "usage: npm run redis-sim -- [--port N]   (default 6390; 0 picks a free port)";

function parsePort(argv: string[]): number {
  let port = 6390;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = arg === "--port" || arg === "-p" ? argv[++i] : arg.startsWith("--port=") ? arg.slice(7) : undefined;
    if (arg === "--help" || arg === "-h") {
      console.log(USAGE);
      process.exit(0);
    }
    if (value === undefined || !/^\d+$/.test(value) || Number(value) > 65535) {
      console.error(`redis-sim: unexpected ${JSON.stringify(value === undefined ? arg : value)}\n${USAGE}`);
      process.exit(2);
    }
    port = Number(value);
  }
  return port;
}

const port = parsePort(process.argv.slice(2));
const server = await startBridge({ port }).catch((e: NodeJS.ErrnoException) => {
  console.error(e.code === "EADDRINUSE" ? `redis-sim: port ${port} is already in use (try --port with another one)` : `redis-sim: ${e.message}`);
  process.exit(1);
});
console.log(`redis-sim: the playground's Redis 7.0 engine is listening on ${server.host}:${server.port} (RESP2)`);
console.log(`redis-sim: try  redis-cli -p ${server.port} PING   — Ctrl+C stops it`);

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  void server.close().then(() => {
    console.log(`redis-sim: stopped (${signal})`);
    process.exit(0);
  });
};
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));
