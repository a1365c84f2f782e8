// Replays one recording of kind 'pool' (golden/pool.json; its `schema` says what each field
// means) on the simulation and returns what the engine did in the recording's own shape, so a test
// compares the two step by step: each step performed at its `at` on the virtual clock, `at_call`
// read synchronously after the call, then the pool's events, the promises settled and the counters
// of its window (up to the next step's `at`, the last one's up to `until`); the pending promises
// at `until`; and with `exit_check`, whether the process would exit within `observe_ms` and which
// events came after `until`.
import type { PoolClient, PoolOptions } from "../pg-pool/pool.ts";
import type { Client, QueryResult } from "../pg-pool/client.ts";
import type { ServerOptions } from "../server.ts";
import { Simulation } from "../simulation.ts";
import { fakePostgres } from "./fake-postgres.ts";

export interface Counters {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

export interface GoldenError {
  message: string;
  code?: string;
  severity?: string;
  cause?: string;
}

export type GoldenEvent =
  | { event: "connect" | "acquire" | "remove"; client: string }
  | { event: "release"; client: string; error?: string | unknown }
  | ({ event: "error"; client: string } & GoldenError);

export type Settled = { as: string; client: string } | { as: string; ok: true; rowCount?: number | null } | { as: string; error: GoldenError };

export interface StepOutcome {
  at_call: Counters;
  throws?: string;
  events: GoldenEvent[];
  settled: Settled[];
  counters: Counters;
}

export interface PoolStep {
  at: number;
  do: "connect" | "query" | "pool_query" | "release" | "end" | "terminate" | "observe";
  as?: string;
  on?: string;
  sql?: string;
  client?: string;
  error?: string | true;
  expect: StepOutcome;
}

export interface FinalOutcome {
  pending: string[];
  exit?: { exited: true; late_events: GoldenEvent[] } | { exited: false };
  /** Not in the recordings: the error that would have crashed the process (a random script can). */
  crashed?: string;
}

export interface PoolCase {
  name: string;
  kind: "pool";
  description: string;
  options: PoolOptions;
  server?: "unresponsive" | { max_connections: number; superuser_reserved_connections: number };
  steps: PoolStep[];
  until: number;
  exit_check?: { observe_ms: number };
  final: FinalOutcome;
}

export function serverOptions(server: PoolCase["server"]): ServerOptions {
  if (server === undefined) return {};
  if (server === "unresponsive") return { unresponsive: true };
  return { maxConnections: server.max_connections, superuserReservedConnections: server.superuser_reserved_connections };
}

export function goldenError(err: unknown): GoldenError {
  const e = err as { message?: unknown; code?: string; severity?: string; cause?: { message?: string } };
  return {
    message: String(e?.message ?? err),
    ...(e?.code === undefined ? {} : { code: e.code }),
    ...(e?.severity === undefined ? {} : { severity: e.severity }),
    ...(e?.cause?.message === undefined ? {} : { cause: e.cause.message }),
  };
}

const byLabel = (a: GoldenEvent, b: GoldenEvent) => a.client.localeCompare(b.client, "en", { numeric: true });

/** In an 'end' window, each run of consecutive 'remove' events sorted by label (the schema's rule). */
export function sortRemoveRuns(events: GoldenEvent[]): GoldenEvent[] {
  const out: GoldenEvent[] = [];
  for (let i = 0; i < events.length; ) {
    let j = i;
    while (j < events.length && events[j].event === "remove") j++;
    if (j > i) out.push(...events.slice(i, j).sort(byLabel));
    else out.push(events[j++]);
    i = j;
  }
  return out;
}

/** What the replay drives: the engine's Pool, or pg-pool's own code over the same clients. */
export interface PoolLike {
  on(event: "connect" | "acquire" | "remove", listener: (client: PoolClient) => void): unknown;
  on(event: "release", listener: (err: unknown, client: PoolClient) => void): unknown;
  on(event: "error", listener: (err: Error, client: PoolClient) => void): unknown;
  connect(): Promise<PoolClient>;
  query(sql: string): Promise<QueryResult>;
  end(): Promise<void>;
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
}

export type MakePool = (sim: Simulation, options: PoolOptions) => PoolLike;

const enginePool: MakePool = (sim, options) => new sim.Pool(options) as PoolLike;

interface Window {
  events: GoldenEvent[];
  settled: Settled[];
}

export async function replayPoolCase(c: PoolCase, makePool: MakePool = enginePool): Promise<{ steps: StepOutcome[]; final: FinalOutcome }> {
  const sim = new Simulation({ execute: fakePostgres(), server: serverOptions(c.server) });
  const pool = makePool(sim, c.options);
  const labels = new Map<Client, string>();
  const label = (client: Client) => labels.get(client) ?? "unlabelled";
  const handles = new Map<string, PoolClient>();
  const unsettled = new Set<string>();
  let window: Window = { events: [], settled: [] };
  const counters = (): Counters => ({ totalCount: pool.totalCount, idleCount: pool.idleCount, waitingCount: pool.waitingCount });

  pool.on("connect", (client) => {
    labels.set(client, `c${labels.size + 1}`);
    client.on("error", () => {}); // as the recorder did: a checked-out client's error must not crash
    window.events.push({ event: "connect", client: label(client) });
  });
  pool.on("acquire", (client) => window.events.push({ event: "acquire", client: label(client) }));
  pool.on("remove", (client) => window.events.push({ event: "remove", client: label(client) }));
  pool.on("release", (err, client) =>
    window.events.push({ event: "release", client: label(client), ...(err === undefined ? {} : { error: err instanceof Error ? err.message : err }) }),
  );
  pool.on("error", (err, client) => window.events.push({ event: "error", client: label(client), ...goldenError(err) }));

  function track<T>(as: string, promise: Promise<T>, describe: (value: T) => Settled): void {
    unsettled.add(as);
    promise.then(
      (value) => {
        unsettled.delete(as);
        window.settled.push(describe(value));
      },
      (err) => {
        unsettled.delete(as);
        window.settled.push({ as, error: goldenError(err) });
      },
    );
  }

  /** A step on a client that is not there (a random script's connect that failed) does nothing. */
  function perform(step: PoolStep): void {
    const as = step.as ?? "";
    const handle = handles.get(step.on ?? step.client ?? "");
    const rows = (r: { rowCount: number | null }): Settled => ({ as, ok: true, rowCount: r.rowCount });
    switch (step.do) {
      case "connect":
        return track(as, pool.connect(), (client) => {
          handles.set(as, client);
          return { as, client: label(client) };
        });
      case "query":
        return handle && track(as, handle.query(step.sql!), rows);
      case "pool_query":
        return track(as, pool.query(step.sql!), rows);
      case "release":
        if (!handle) return;
        if (step.error === undefined) return handle.release();
        return handle.release(step.error === true ? true : new Error(step.error));
      case "end":
        return track(as, pool.end(), () => ({ as, ok: true }));
      case "terminate":
        if (handle?.processID) sim.terminate(handle.processID);
        return;
      case "observe":
        return;
    }
  }

  const steps: StepOutcome[] = [];
  let current: { step: PoolStep; at_call: Counters; throws?: string } | null = null;
  const closeWindow = () => {
    if (!current) return;
    const { step, ...atCall } = current;
    const events = step.do === "end" ? sortRemoveRuns(window.events) : window.events;
    steps.push({ ...atCall, events, settled: window.settled, counters: counters() });
    current = null;
  };
  let pendingAtUntil: string[] = [];
  const late: Window = { events: [], settled: [] };

  const result = await sim.run(
    async () => {
      for (const step of c.steps) {
        await sim.sleepUntil(step.at);
        closeWindow();
        window = { events: [], settled: [] };
        let throws: string | undefined;
        try {
          perform(step);
        } catch (err) {
          throws = (err as Error).message;
        }
        current = { step, at_call: counters(), ...(throws === undefined ? {} : { throws }) };
      }
      await sim.sleepUntil(c.until);
      closeWindow();
      pendingAtUntil = c.steps.flatMap((s) => (s.as !== undefined && unsettled.has(s.as) ? [s.as] : []));
      window = late;
    },
    { limitMs: c.until + (c.exit_check?.observe_ms ?? 0) },
  );
  if (result.main === "rejected") throw new Error(`${c.name}: the replay failed: ${String(result.error)}`);
  if (result.stop === "crashed") {
    closeWindow(); // the window the crash cut short
    return { steps, final: { pending: pendingAtUntil, crashed: String((result.error as Error)?.message ?? result.error) } };
  }
  const final: FinalOutcome = { pending: pendingAtUntil };
  if (c.exit_check) final.exit = result.stop === "exited" ? { exited: true, late_events: late.events } : { exited: false };
  return { steps, final };
}
