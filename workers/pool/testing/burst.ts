// The recordings' burst (golden/pool.json, kind 'pgbouncer'): N clients connect one after
// another, then all send one query at once — SELECT pg_backend_pid() AS pid FROM pg_sleep(s), a
// transaction of its own — and stay connected; the counts are read some time later.
import type { VirtualClock } from "../../shared/virtual-clock.ts";
import type { Client, QueryResult } from "../client.ts";
import { advanceTo, settle } from "./settle.ts";

interface Member {
  client: Client;
  answer?: { pid: number } | { error: string };
  ended?: boolean;
}

export interface BurstCounts {
  connected: number;
  completed: number;
  failed: number;
  waiting: number;
  errors: Record<string, number>;
  distinct_backends: number;
  connect_errors?: Record<string, number>;
}

const tally = (messages: string[]) => messages.reduce<Record<string, number>>((n, m) => ((n[m] = (n[m] ?? 0) + 1), n), {});

export class Burst {
  private members: Member[] = [];
  private connectErrors: string[] = [];

  constructor(private readonly clock: VirtualClock, private readonly newClient: () => Client) {}

  async start(clients: number, sleepMs: number, observeMs: number): Promise<BurstCounts> {
    for (let i = 0; i < clients; i++) {
      const client = this.newClient();
      const o = await settle(this.clock, client.connect());
      if (o.ok) this.members.push({ client });
      else this.connectErrors.push(o.error.message);
    }
    const sql = `SELECT pg_backend_pid() AS pid FROM pg_sleep(${sleepMs / 1000})`;
    for (const m of this.members) {
      m.client.query(sql).then(
        (r) => (m.answer = { pid: (r as QueryResult).rows[0].pid as number }),
        (e: Error) => (m.answer = { error: e.message }),
      );
    }
    return this.observe(observeMs);
  }

  async observe(ms: number): Promise<BurstCounts> {
    await advanceTo(this.clock, this.clock.now() + ms);
    const answered = this.members.filter((m) => m.answer);
    const completed = answered.filter((m) => "pid" in m.answer!);
    const failed = answered.filter((m) => "error" in m.answer!).map((m) => (m.answer as { error: string }).error);
    return {
      connected: this.members.length,
      completed: completed.length,
      failed: failed.length,
      waiting: this.members.length - answered.length,
      errors: tally(failed),
      distinct_backends: new Set(completed.map((m) => (m.answer as { pid: number }).pid)).size,
      ...(this.connectErrors.length > 0 && { connect_errors: tally(this.connectErrors) }),
    };
  }

  /** Every client whose query has completed disconnects; how many did. */
  async endCompleted(): Promise<number> {
    const done = this.members.filter((m) => m.answer && "pid" in m.answer && !m.ended);
    for (const m of done) m.ended = true;
    await settle(this.clock, Promise.all(done.map((m) => m.client.end())));
    return done.length;
  }
}
