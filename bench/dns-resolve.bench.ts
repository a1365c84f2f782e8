// dns.resolve_cold: simulated resolutions per second by playground/dns's recursive resolver
// over 10,000 distinct names (a generated zone bench.test., one A record each), its cache
// emptied before every name, so each resolution walks the whole hierarchy on the simulated
// network: root → test. → bench.test., three queries and three responses encoded, sent with their
// latency on the virtual clock, decoded, checked and cached. The peer is the same resolver on the
// same names with its cache kept, so only the first name walks down and each other one is a
// single query to bench.test.'s server: the ratio says what the two extra hops cost. Each
// answer is checked; rounds alternate and the figure is the median round. Virtual time costs
// nothing here (the clock jumps to each packet's arrival); this measures the simulator's work.
import { createInternet } from "../workers/dns/index.ts";
import type { RecursiveResolver } from "../workers/dns/resolver.ts";
import { median, report } from "./harness.ts";

const NAMES = 10_000;
const ROUNDS = 5;

const address = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

/** Resolutions per second over every name, the cache emptied before each one (cold) or only before the first. */
async function round(resolver: RecursiveResolver, cold: boolean): Promise<number> {
  resolver.cache.flush();
  let queries = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < NAMES; i++) {
    if (cold) resolver.cache.flush();
    const r = await resolver.resolve(`h${i}.bench.test.`, "A");
    const a = r.answer[0];
    if (r.answer.length !== 1 || a.data.kind !== "A" || a.data.address !== address(i)) throw new Error(`h${i}.bench.test resolved to ${r.rcode} ${r.answer.map((x) => x.rdata).join(" ")}`);
    queries += r.queries;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const expected = cold ? 3 * NAMES : NAMES + 2;
  if (queries !== expected) throw new Error(`${queries} queries sent, ${expected} expected`);
  return NAMES / seconds;
}

export default async function bench(): Promise<void> {
  const net = createInternet();
  const zone = net.addZone("bench.test");
  for (let i = 0; i < NAMES; i++) zone.add(`h${i}`, "A", 300, address(i));
  const resolver = net.newResolver();
  await round(resolver, true);
  await round(resolver, false);
  const cold: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    cold.push(await round(resolver, true));
    warm.push(await round(resolver, false));
    console.error(`  round ${i + 1}: cold ${cold[i].toFixed(0)} resolutions/s, delegations cached ${warm[i].toFixed(0)}/s`);
  }
  report({ bench: "dns.resolve_cold", ours: median(cold), unit: "resolutions/s (10,000 names, empty cache each)", peer: "same names, delegations cached (1 query each)", peerValue: median(warm) });
}
