// pool.simulate: acquire/release pairs per second when 10,000 callers share a pool of 20, each
// doing `await pool.connect()`, `await client.query(...)`, `client.release()` (one Promise.all,
// then pool.end()). Ours runs the pool engine's simulation in virtual time, its statements
// stubbed at a fixed 1 ms of the virtual clock; every trace event is made and summarized, none
// kept (a lesson hands them to the run's trace, whose cost is the sandbox's). The peer is node-postgres's
// own pg-pool 3.14.0 driving the same script over a fake client in this process: it connects and
// answers each query on the next turn of the event loop (setImmediate, as a reply off a socket
// would arrive), so the peer's time is pg-pool's own work and Node's, never a wait. Warmed up,
// alternating rounds; the figure is the median round.
import { EventEmitter } from "node:events";
import PgPool from "pg-pool";
import { Simulation } from "../workers/pool/simulation.ts";
import { median, report } from "./harness.ts";

const CALLERS = 10_000;
const MAX = 20;
const ROUNDS = 7;

/** What pg-pool needs of a client: connect, query, end, and the flags it reads. */
class FakeClient extends EventEmitter {
  _queryable = true;
  _ending = false;
  connect(callback: (err?: Error) => void): void {
    setImmediate(callback);
  }
  query(): Promise<{ rowCount: number; rows: unknown[] }> {
    return new Promise((resolve) => setImmediate(() => resolve({ rowCount: 1, rows: [] })));
  }
  end(callback?: () => void): void {
    this._ending = true;
    setImmediate(() => callback?.());
  }
  ref(): void {}
  unref(): void {}
}

interface PoolLike {
  connect(): Promise<{ query(sql: string): Promise<unknown>; release(err?: Error | boolean): void }>;
  end(): Promise<void>;
}

/** The script: every caller at once, each one acquire / query / release. */
async function script(pool: PoolLike): Promise<number> {
  let pairs = 0;
  await Promise.all(
    Array.from({ length: CALLERS }, async () => {
      const client = await pool.connect();
      await client.query("SELECT 1");
      client.release();
      pairs++;
    }),
  );
  await pool.end();
  return pairs;
}

async function timed(run: () => Promise<number>): Promise<number> {
  const start = process.hrtime.bigint();
  const pairs = await run();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (pairs !== CALLERS) throw new Error(`only ${pairs} of ${CALLERS} callers got through`);
  return pairs / seconds;
}

async function ours(): Promise<number> {
  return timed(async () => {
    const sim = new Simulation({ execute: () => ({ ok: true, rows: [], rowCount: 1, command: "SELECT", ms: 1 }), keepEvents: false });
    const pool = new sim.Pool({ max: MAX });
    let pairs = 0;
    const result = await sim.run(async () => void (pairs = await script(pool)));
    if (result.stop !== "exited" || result.served !== CALLERS) throw new Error(`the simulation stopped (${result.stop}) after ${result.served} queries`);
    return pairs;
  });
}

async function peer(): Promise<number> {
  return timed(() => script(new PgPool({ max: MAX, Client: FakeClient }) as unknown as PoolLike));
}

export default async function bench(): Promise<void> {
  for (let i = 0; i < 2; i++) {
    await ours();
    await peer();
  }
  const oursRounds: number[] = [];
  const peerRounds: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    oursRounds.push(await ours());
    peerRounds.push(await peer());
  }
  report({ bench: "pool.simulate", ours: median(oursRounds), unit: "pairs/s", peer: "pg-pool", peerValue: median(peerRounds) });
}
