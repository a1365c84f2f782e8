// Trace events of the DNS engine (docs/architecture.md, "The DNS engine: the simulated internet"):
// plain data stamped on the internet's virtual clock (in a lesson, placed on the run's axis). The
// sequence diagram (one lane per server), the caches with TTLs counting down, the annotated hex
// view and the poisoning race render from these alone.
//
// Names: `resolution` numbers the resolutions of a run (1, 2, …: one per resolve*/lookup call or
// per stub call), `query` numbers every query sent on the wire (1, 2, …; a retry is a new query),
// `resolver` and `app` number the resolvers and apps of one internet. A server is named by its
// host name ("a.root-servers.test") and address; "client" is the learner's own query() socket.
import type { WireField } from "./message/index.ts";

interface DnsTraceBase {
  /** Virtual milliseconds since the internet was created (in a lesson, from where it sits on the run's axis). */
  t: number;
  source: "dns";
  /** Which internet of the run (playground.ts numbers them), when there are several. */
  net?: number;
}

/** A message as it crossed the wire: its bytes as lowercase hex and which field each byte belongs to. */
export interface WireImage {
  hex: string;
  size: number;
  fields: WireField[];
}

/** What a response told the asker, as a resolver reads it. */
export type ResponseKind = "answer" | "cname" | "referral" | "nxdomain" | "nodata" | "refused" | "servfail" | "formerr" | "other";

/** Why a resolver threw a response away (or "accepted"). */
export type AcceptVerdict = "accepted" | "source" | "port" | "id" | "question" | "case" | "unsolicited" | "malformed";

export type DnsTraceBody =
  /** A server joined the internet (first in a trace: the lanes of the sequence diagram). */
  | { kind: "server"; name: string; address: string; role: "root" | "tld" | "authoritative" | "resolver" | "attacker"; zones: string[]; rttMs: number }
  /** A resolution began: a resolve*() / lookup() call on a resolver, or a stub call from an app. */
  | { kind: "resolve.start"; resolution: number; resolver: number; name: string; type: string; app?: number }
  /** A query left for `server`: `msgId` and source `port` are what a forger must guess; `qname` as sent (0x20 case). */
  | { kind: "query"; query: number; resolution: number | null; resolver: number | null; server: string; address: string; qname: string; qtype: string; msgId: number; port: number; attempt: number; wire: WireImage }
  /** The accepted response to `query`, `rttMs` after it left. */
  | { kind: "response"; query: number; resolution: number | null; server: string; address: string; rcode: string; answer: ResponseKind; rttMs: number; aa: boolean; wire: WireImage }
  /** No acceptable response within the timeout (the query or the answer was lost, or the server is silent). */
  | { kind: "timeout"; query: number; resolution: number | null; server: string; address: string; afterMs: number; lost: "query" | "response" | "none" }
  /** A referral was followed: `zone` is served by `nameservers` (with glue addresses when the referral carried them). */
  | { kind: "referral"; resolution: number; zone: string; nameservers: { name: string; address: string | null }[]; from: string }
  /** A CNAME was followed to its target. */
  | { kind: "cname"; resolution: number; from: string; to: string }
  /** A resolution ended: its rcode, the records answered (presentation text), queries sent and virtual time taken. */
  | { kind: "answer"; resolution: number; name: string; type: string; rcode: string; records: string[]; queries: number; ms: number; fromCache: boolean; error?: string }
  /** The cache had the RRset (or a negative entry) with `ttl` seconds left. */
  | { kind: "cache.hit"; resolver: number; resolution: number | null; name: string; type: string; ttl: number; negative: NegativeKind | null }
  | { kind: "cache.miss"; resolver: number; resolution: number | null; name: string; type: string }
  /** An entry was stored, its TTL starting now (`negative`: RFC 2308 negative caching from the SOA). */
  | { kind: "cache.store"; resolver: number; name: string; type: string; ttl: number; records: string[]; negative: NegativeKind | null; forged: boolean }
  /** An entry's TTL ran out: it was found expired and removed. */
  | { kind: "cache.expire"; resolver: number; name: string; type: string; negative: NegativeKind | null }
  /** A record the resolver would not cache because it lies outside the answering zone (bailiwick check). */
  | { kind: "bailiwick.drop"; resolver: number; query: number; record: string; zone: string }
  /** A packet reached a resolver's port: accepted or rejected, and why. `forged` is the network's truth, never seen by the resolver. */
  | { kind: "packet"; resolver: number; query: number | null; forged: boolean; verdict: AcceptVerdict; msgId: number; port: number }
  /** The attacker's window: forged packets raced against one real response. */
  | { kind: "race"; window: number; forged: number; won: boolean; qname: string; traced: number }
  /** A zone changed at run time (no one is told: caches learn as their entries expire). */
  | { kind: "zone.change"; zone: string; name: string; type: string; op: "set" | "add" | "remove"; records: string[] }
  /** An app's thread was held by a blocking gethostbyname for `ms` (nothing else of the app ran). */
  | { kind: "app.blocked"; app: number; name: string; ms: number }
  /** An app ran `ms` of work on its thread (`waitedMs`: how long it waited for the thread first). */
  | { kind: "app.work"; app: number; label: string; ms: number; waitedMs: number }
  /** The clock moved by `ms` on net.sleep(). */
  | { kind: "sleep"; ms: number };

export type NegativeKind = "NXDOMAIN" | "NODATA";

export type DnsTrace = DnsTraceBase & DnsTraceBody;
