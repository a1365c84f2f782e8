// A pool's counters for SHOW STATS (stats.c): totals since PgBouncer started, and averages over
// the last complete stats_period (60 s), which PgBouncer recomputes on a timer. Here the period
// snapshots are taken lazily — before any counter moves and before any read, every period
// boundary passed since is rolled over — which gives the same numbers without a timer on the
// clock. Times are in microseconds, as PgBouncer reports them; a query counts when it arrives,
// a transaction when its first query arrives.
import type { QueryMessage, QueryReply } from "../wire.ts";

export interface Counters {
  xactCount: number;
  queryCount: number;
  /** Bytes received from clients, and sent by servers. */
  clientBytes: number;
  serverBytes: number;
  xactTime: number;
  queryTime: number;
  waitTime: number;
}

const PERIOD_MS = 60_000;
const zero = (): Counters => ({ xactCount: 0, queryCount: 0, clientBytes: 0, serverBytes: 0, xactTime: 0, queryTime: 0, waitTime: 0 });

export class Stats {
  readonly totals = zero();
  private older = zero();
  private newer = zero();
  private periodEnd = PERIOD_MS;

  /** Before changing or reading the counters at `now`. */
  roll(now: number): void {
    while (now >= this.periodEnd) {
      this.older = this.newer;
      this.newer = { ...this.totals };
      this.periodEnd += PERIOD_MS;
    }
  }

  add(now: number, change: Partial<Counters>): void {
    this.roll(now);
    for (const [key, value] of Object.entries(change) as [keyof Counters, number][]) this.totals[key] += value;
  }

  /** stats.c's calc_average over the last complete period: per second, or per query / transaction. */
  averages(now: number): Counters {
    this.roll(now);
    const d = (key: keyof Counters) => this.newer[key] - this.older[key];
    const perSecond = (key: keyof Counters) => Math.floor((d(key) * 1000) / PERIOD_MS);
    return {
      xactCount: perSecond("xactCount"),
      queryCount: perSecond("queryCount"),
      clientBytes: perSecond("clientBytes"),
      serverBytes: perSecond("serverBytes"),
      xactTime: d("xactCount") > 0 ? Math.floor(d("xactTime") / d("xactCount")) : 0,
      queryTime: d("queryCount") > 0 ? Math.floor(d("queryTime") / d("queryCount")) : 0,
      waitTime: perSecond("waitTime"),
    };
  }
}

const utf8 = (s: string) => new TextEncoder().encode(s).length;

/** The size of a query on the wire: a Query message, or Parse (first use) + Bind + Describe + Execute + Sync. */
export function queryBytes(message: QueryMessage): number {
  if (!("name" in message)) return 6 + utf8(message.text);
  const name = utf8(message.name);
  const parse = message.parse ? 8 + name + utf8(message.text) : 0;
  return parse + (13 + name) + 7 + 10 + 5;
}

/** The size of a reply: RowDescription, DataRows, CommandComplete or ErrorResponse, ReadyForQuery. */
export function replyBytes(reply: QueryReply): number {
  let n = 6;
  for (const r of reply.results) {
    const columns = r.fields ?? Object.keys(r.rows[0] ?? {});
    if (columns.length > 0) n += 7 + columns.reduce((sum, c) => sum + utf8(c) + 19, 0);
    for (const row of r.rows) n += 7 + Object.values(row).reduce<number>((sum, v) => sum + 4 + utf8(String(v ?? "")), 0);
    n += 6 + utf8(r.command);
  }
  if (reply.error) n += 5 + 2 + 3 * 2 + utf8(reply.error.severity) * 2 + utf8(reply.error.code) + utf8(reply.error.message);
  return n;
}
