// `npm run dns-sim -- --port 5354`: serves the simulated internet's recursive resolver over UDP
// on loopback, so dig and any stub resolver can query it: `dig @127.0.0.1 -p 5354
// www.example.test`. One internet (the lesson's default zones), on the wall clock: each hop's
// simulated latency is waited out, and TTLs count down in real seconds (workers/dns/bridge.ts
// says why). Each resolution is logged unless --quiet. Ctrl+C stops it.
import { parseArgs } from "node:util";
import { startDnsBridge, type ServedQuery } from "../workers/dns/bridge.ts";

const USAGE = "usage: npm run dns-sim -- [--port N] [--seed N] [--quiet]   (port default 5354; 0 picks a free port)";

function fail(message: string, code: number): never {
  console.error(`dns-sim: ${message}`);
  process.exit(code);
}

function options(argv: string[]): { port: number; seed: number; quiet: boolean } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { port: { type: "string", short: "p" }, seed: { type: "string" }, quiet: { type: "boolean", short: "q" }, help: { type: "boolean", short: "h" } },
    }).values;
  } catch (e) {
    fail(`${(e as Error).message}\n${USAGE}`, 2);
  }
  if (parsed.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const number = (text: string | undefined, fallback: number, max: number, what: string) => {
    if (text === undefined) return fallback;
    if (!/^\d+$/.test(text) || Number(text) > max) fail(`${what} must be a number from 0 to ${max}, not ${JSON.stringify(text)}\n${USAGE}`, 2);
    return Number(text);
  };
  return { port: number(parsed.port, 5354, 65535, "--port"), seed: number(parsed.seed, 1, 2 ** 32 - 1, "--seed"), quiet: parsed.quiet ?? false };
}

function describe({ from, name, type, result }: ServedQuery): string {
  const records = `${result.answer.length} record${result.answer.length === 1 ? "" : "s"}`;
  const outcome = result.timedOut ? "no reply (every server silent)" : result.rcode === "SERVFAIL" ? "SERVFAIL" : `${result.rcode}, ${records}`;
  const work = result.queries === 0 ? "from the cache" : `${result.queries} quer${result.queries === 1 ? "y" : "ies"}, ${result.ms} ms`;
  return `dns-sim: ${from} ${name} ${type} → ${outcome} (${work})`;
}

const { port, seed, quiet } = options(process.argv.slice(2));
const onError = (e: unknown) => console.error(`dns-sim: a datagram was dropped: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
const bridge = await startDnsBridge({ port, internetOptions: { seed }, onQuery: quiet ? undefined : (q) => console.log(describe(q)), onError }).catch((e: NodeJS.ErrnoException) =>
  fail(e.code === "EADDRINUSE" ? `UDP port ${port} is already in use (try --port with another one)` : e.message, 1),
);
console.log(`dns-sim: the simulated internet's recursive resolver is listening on ${bridge.host}:${bridge.port} (UDP)`);
console.log(`dns-sim: try  dig @${bridge.host} -p ${bridge.port} www.example.test   — zones: example.test, cloud.example, shop.test, lame.test; Ctrl+C stops it`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void bridge.close().then(() => {
      console.log(`dns-sim: stopped (${signal})`);
      process.exit(0);
    });
  });
}
