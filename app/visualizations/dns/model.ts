// What the DNS visualization says about what read.ts found: the lanes of a walk's sequence
// diagram, each hop in words, the caches at the playhead's moment with the TTL left, a message's
// bytes as hex cells with their fields, and a race's verdicts. Plain functions, tested alone.
import type { AcceptVerdict, DnsTrace, WireImage } from "../../../workers/dns/trace";
import type { ByteCell } from "../serialization/model";
import type { CacheRow, DnsEvent, DnsRun, Hop, Race, Walk } from "./read";

/** A lane of the sequence diagram: the asker first, then each server in the order first asked. */
export interface Lane {
  address: string;
  name: string;
  role: string;
}

const ROLE_ORDER: Record<string, number> = { root: 0, tld: 1, authoritative: 2, attacker: 3 };

/** "www.example.test." → "www.example.test": names as people write them. */
export const bare = (name: string) => (name === "." ? "." : name.replace(/\.$/, ""));

export function lanesOf(walk: Walk, run: DnsRun): Lane[] {
  const servers = run.servers.get(walk.net);
  const asker: Lane = { address: "", name: walk.resolution === null ? "your code" : "resolver", role: walk.resolution === null ? "net.query" : `resolution ${walk.resolution}` };
  const seen = new Map<string, Lane>();
  for (const { query } of walk.hops) {
    if (seen.has(query.address)) continue;
    const server = servers?.get(query.address);
    seen.set(query.address, { address: query.address, name: bare(server?.name ?? query.server), role: server?.role ?? "server" });
  }
  // Root, then TLDs, then authoritative servers: the hierarchy reads left to right.
  const lanes = [...seen.values()].sort((a, b) => (ROLE_ORDER[a.role] ?? 4) - (ROLE_ORDER[b.role] ?? 4));
  return [asker, ...lanes];
}

/** What came back, in a few words: "referral to example.test", "answer: 3 records", "timeout". */
export function outcomeText(hop: Hop): string {
  const o = hop.outcome;
  if (!o) return "waiting…";
  if (o.kind === "timeout") return o.lost === "none" ? `no answer in ${o.afterMs} ms` : `no answer in ${o.afterMs} ms (the ${o.lost} was lost)`;
  switch (o.answer) {
    case "referral":
      return `referral${referredZone(o) ? ` to ${referredZone(o)}` : ""}`;
    case "answer":
      return `answer${o.aa ? " (authoritative)" : ""}`;
    case "cname":
      return "CNAME";
    case "nxdomain":
      return "NXDOMAIN: no such name";
    case "nodata":
      return "NODATA: no record of that type";
    default:
      return o.rcode;
  }
}

/** The zone a referral points to, read off the response's fields (authority section names). */
function referredZone(o: DnsEvent<"response">): string | null {
  const ns = o.wire.fields.find((f) => f.path.startsWith("authority[0].name"));
  return ns ? bare(ns.label.replace(/ \(.*\)$/, "")) : null;
}

export const questionText = (q: DnsEvent<"query">) => `${q.qtype} ${bare(q.qname)}?`;

export function walkTitle(walk: Walk): string {
  return walk.resolution === null ? `your queries from ${walk.type} ${bare(walk.name)}` : `${walk.type} ${bare(walk.name)}`;
}

/** How the picker names a walk. */
export function walkOption(walk: Walk, index: number): string {
  const end = walk.answer ? ` → ${walk.answer.rcode}${walk.answer.fromCache ? " (cache)" : ""}` : "";
  const queries = walk.hops.length === 1 ? "1 query" : `${walk.hops.length} queries`;
  return `${index + 1}. ${walkTitle(walk)}${end}, ${queries}`;
}

/** What the walk came to, in one sentence. */
export function walkSummary(walk: Walk): string {
  const a = walk.answer;
  const queries = walk.hops.length === 1 ? "1 query" : `${walk.hops.length} queries`;
  if (!a) return `${walkTitle(walk)}: ${queries} so far`;
  if (a.fromCache) return `${walkTitle(walk)}: ${a.rcode} from the cache, no query sent, ${a.ms} ms`;
  const records = a.records.length === 1 ? "1 record" : `${a.records.length} records`;
  return `${walkTitle(walk)}: ${a.rcode}, ${records}, ${queries}, ${a.ms} ms`;
}

/** A cache entry at `time` on the run's clock: seconds left (0 once its TTL ran out). */
export interface CacheLine extends CacheRow {
  resolver: number;
  left: number;
}

export function cacheAt(run: DnsRun, net: number, time: number): CacheLine[] {
  const lines: CacheLine[] = [];
  for (const [resolver, entries] of run.caches.get(net) ?? []) {
    for (const row of entries.values()) lines.push({ ...row, resolver, left: Math.max(0, Math.ceil(row.ttl - (time - row.storedAt) / 1000)) });
  }
  // Live entries first, the fewest seconds left first: what expires next is on top.
  return lines.sort((a, b) => (a.left === 0 ? 1 : 0) - (b.left === 0 ? 1 : 0) || a.left - b.left || a.name.localeCompare(b.name));
}

export const recordsText = (line: CacheLine) => (line.negative ? line.negative : line.records.join(", "));

/** A message's bytes as cells, each with the index of its field (-1: none). */
export function wireCells(wire: WireImage): ByteCell[] {
  const cells: ByteCell[] = [];
  for (let i = 0; i + 1 < wire.hex.length; i += 2) cells.push({ offset: i / 2, byte: parseInt(wire.hex.slice(i, i + 2), 16), field: -1, mostSignificant: false });
  wire.fields.forEach((f, index) => {
    for (let o = f.start; o < Math.min(f.end, cells.length); o++) cells[o].field = index;
  });
  return cells;
}

export function describeWireByte(wire: WireImage, cell: ByteCell): string {
  const head = `Byte ${cell.offset} is 0x${cell.byte.toString(16).padStart(2, "0")} (${cell.byte})`;
  if (cell.field === -1) return `${head}, in no field.`;
  const f = wire.fields[cell.field];
  const span = f.end - f.start === 1 ? `byte ${f.start}` : `bytes ${f.start}–${f.end - 1}`;
  return `${head}: ${f.path}, ${f.label}, ${span}.`;
}

/** The message the hex view shows: the last one of the walk the playhead has reached. */
export function shownMessage(walk: Walk): DnsEvent<"query"> | DnsEvent<"response"> | null {
  let shown: DnsEvent<"query"> | DnsEvent<"response"> | null = null;
  for (const hop of walk.hops) {
    shown = hop.query;
    if (hop.outcome?.kind === "response") shown = hop.outcome;
  }
  return shown;
}

export const messageTitle = (m: DnsEvent<"query"> | DnsEvent<"response">) =>
  m.kind === "query" ? `query ${m.query}: ${questionText(m)} to ${bare(m.server)}, id ${m.msgId}` : `response to query ${m.query} from ${bare(m.server)}: ${m.rcode}`;

export const VERDICTS: { verdict: AcceptVerdict; text: string }[] = [
  { verdict: "accepted", text: "accepted: every field fit" },
  { verdict: "port", text: "rejected: wrong destination port" },
  { verdict: "id", text: "rejected: wrong query id" },
  { verdict: "case", text: "rejected: wrong 0x20 case" },
  { verdict: "question", text: "rejected: another question" },
  { verdict: "unsolicited", text: "rejected: no query outstanding" },
  { verdict: "source", text: "rejected: wrong source address" },
  { verdict: "malformed", text: "rejected: malformed" },
];

export function raceSummary(race: Race): string {
  const windows = race.windows === 1 ? "1 race" : `${race.windows.toLocaleString("en-US")} races`;
  return `${race.forged.toLocaleString("en-US")} forged packets in ${windows}: ${race.won ? "the cache was poisoned" : "no forgery was believed"}`;
}

/** The latest race of the run, preferring the walk's own internet. */
export function raceFor(run: DnsRun, net: number | undefined): Race | undefined {
  if (net !== undefined && run.races.has(net)) return run.races.get(net);
  return [...run.races.values()].sort((a, b) => a.last.t - b.last.t).at(-1);
}

export const isDns = (e: { source: string }): e is DnsTrace => e.source === "dns";
