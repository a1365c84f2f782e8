// A durable job queue on Redis Streams, the way modern workers build one. Every step is one real
// Redis command on a client of the Redis engine, so the Redis trace shows each as it happens:
//
//   producer   XADD jobs * key <idempotency key> payload <json>        the job is in the stream
//   worker     XREADGROUP GROUP workers <me> COUNT 1 BLOCK … STREAMS jobs >
//                                        the group hands it to one worker: it is now PENDING,
//                                        owned by that worker, until acknowledged
//              XPENDING jobs workers <id> <id> 1                        which delivery is this?
//              … the handler runs …
//              XACK jobs workers <id>                                   done: it leaves the pending list
//
// What makes it durable is the pending list. A worker that dies mid-job never sends XACK, so the
// entry stays pending under its name; once it has been idle for the visibility timeout, another
// worker takes it over with XAUTOCLAIM and runs it again. A failed handler leaves the entry
// pending too, made to look idle for (visibility − backoff) so XAUTOCLAIM picks it up after the
// backoff; the backoff doubles with the delivery count XPENDING reports. After maxDeliveries the
// entry goes to the dead-letter stream `jobs:dead` (XADD + XACK in one MULTI).
//
// Delivery is therefore at least once: a job can run twice (its worker crashed after the side
// effect, before XACK). `job.once(effect)` guards the side effect with its idempotency key.
import { CancelledError, label } from "../errors.ts";
import { runningLoop } from "../combinators.ts";
import type { TaskSet } from "../sync.ts";
import type { RedisClientType } from "../../redis/client/client.ts";
import type { QueueTracer } from "./trace.ts";
import { backoffFor, checkWhole, type Handler, type Job, type JobQueue, type QueueWorker, type RetryPolicy } from "./types.ts";
import { Crew, WorkerTask } from "./worker-task.ts";

export interface DurableQueueOptions extends RetryPolicy {
  /** The stream's key (default "jobs"); dead letters go to `<stream>:dead`. */
  stream?: string;
  /** The consumer group's name (default "workers"). */
  group?: string;
  /** How long a job may stay pending before another worker may take it over (default 30 s). */
  visibilityMs?: number;
  /** How long a worker's XREADGROUP blocks before it looks for abandoned jobs again (default 1 s). */
  pollMs?: number;
  /** How long a job's idempotency key is remembered (default a day). */
  keyTtlSeconds?: number;
  trace?: QueueTracer;
}

/** A stream entry as node-redis returns it: [id, [field, value, …]] (fields null once deleted). */
type Entry = [string, string[] | null];

/**
 * Creates the consumer group (and the stream) if needed. `redis` is the producer's client; each
 * worker opens a connection of its own (`redis.duplicate()`), as its reads block.
 */
export async function durableQueue<P = unknown>(redis: RedisClientType, options: DurableQueueOptions = {}): Promise<JobQueue<P>> {
  const settings = {
    stream: options.stream ?? "jobs",
    group: options.group ?? "workers",
    visibilityMs: options.visibilityMs ?? 30_000,
    pollMs: options.pollMs ?? 1000,
    maxDeliveries: options.maxDeliveries ?? 5,
    backoffMs: options.backoffMs ?? 1000,
    keyTtlSeconds: options.keyTtlSeconds ?? 86_400,
    trace: options.trace,
  };
  checkWhole(settings, { visibilityMs: 1, pollMs: 1, maxDeliveries: 1, backoffMs: 0, keyTtlSeconds: 1 });
  const longest = backoffFor(settings.maxDeliveries - 1, settings.backoffMs);
  if (longest > settings.visibilityMs)
    throw new RangeError(
      `the longest backoff (${longest} ms, before delivery ${settings.maxDeliveries}) must fit in the visibility timeout (${settings.visibilityMs} ms): a job waiting for its retry is a pending entry. Lower backoffMs or maxDeliveries, or raise visibilityMs.`,
    );
  try {
    // From ID 0: jobs added before the group existed are delivered too.
    await redis.sendCommand(["XGROUP", "CREATE", settings.stream, settings.group, "0", "MKSTREAM"]);
  } catch (e) {
    if (!String((e as Error).message).startsWith("BUSYGROUP")) throw e;
  }
  return new DurableQueue<P>(redis, settings);
}

type Settings = Required<Omit<DurableQueueOptions, "trace">> & { trace: QueueTracer | undefined };

class DurableQueue<P> implements JobQueue<P> {
  private readonly crew = new Crew();
  private readonly loop = runningLoop();

  constructor(
    private readonly redis: RedisClientType,
    private readonly settings: Settings,
  ) {}

  get name(): string {
    return this.settings.stream;
  }

  async add(payload: P, options: { key?: string } = {}): Promise<string> {
    const fields = options.key === undefined ? [] : ["key", options.key];
    const id = (await this.redis.sendCommand(["XADD", this.settings.stream, "*", ...fields, "payload", JSON.stringify(payload) ?? "null"])) as string;
    this.settings.trace?.({ t: this.loop.time(), source: "queue", queue: this.name, kind: "added", id, key: options.key ?? id });
    return id;
  }

  worker(name: string, handler: Handler<P>): QueueWorker {
    return this.crew.hire(new DurableWorker<P>(name, this.redis, this.settings, handler, this.crew.kept));
  }

  workers(): QueueWorker[] {
    return this.crew.list();
  }

  stop(): Promise<void> {
    return this.crew.stop();
  }
}

class DurableWorker<P> extends WorkerTask {
  private redis: RedisClientType;

  constructor(
    name: string,
    private readonly producer: RedisClientType,
    private readonly s: Settings,
    private readonly handler: Handler<P>,
    kept: TaskSet,
  ) {
    super(name, s.stream, kept, s.trace);
    this.redis = connection(producer, name);
  }

  protected async work(): Promise<void> {
    // A (re)started consumer first takes back what it held under its name: reading from ID 0
    // returns its own pending entries (delivering each again), never new ones.
    for (const entry of await this.readGroup("0")) await this.deliver(entry);
    while (this.taking) {
      // Jobs other workers abandoned (crashed, or failed and now past their backoff)…
      for (const entry of await this.reclaim()) await this.deliver(entry);
      if (!this.taking) break;
      // …then new ones, waiting up to pollMs for one to arrive.
      for (const entry of await this.readGroup(">")) await this.deliver(entry);
    }
  }

  /** XREADGROUP: new entries (">"), or this consumer's own pending history ("0"). */
  private async readGroup(from: ">" | "0"): Promise<Entry[]> {
    const block = from === ">" ? ["BLOCK", String(this.s.pollMs)] : [];
    const reply = (await this.redis.sendCommand(["XREADGROUP", "GROUP", this.s.group, this.name, "COUNT", from === ">" ? "1" : "100", ...block, "STREAMS", this.s.stream, from])) as [string, Entry[]][] | null;
    return reply === null ? [] : reply[0][1];
  }

  /** XAUTOCLAIM: take over one entry pending longer than the visibility timeout, whoever holds it. */
  private async reclaim(): Promise<Entry[]> {
    const [, entries, deleted] = (await this.redis.sendCommand(["XAUTOCLAIM", this.s.stream, this.s.group, this.name, String(this.s.visibilityMs), "0-0", "COUNT", "1"])) as [string, Entry[], string[]];
    if (entries.length > 0 || deleted.length > 0) this.trace({ kind: "claimed", worker: this.name, ids: entries.map((e) => e[0]), deleted });
    return entries;
  }

  private async deliver([id, fields]: Entry): Promise<void> {
    if (fields === null) {
      // Our own history names an entry deleted from the stream since: nothing left to run.
      await this.redis.sendCommand(["XACK", this.s.stream, this.s.group, id]);
      return;
    }
    const data = toRecord(fields);
    const deliveries = await this.deliveryCount(id);
    // Our history read can name an entry another worker has since claimed and finished.
    if (deliveries === null) return;
    this.trace({ kind: "read", worker: this.name, id, deliveries });
    if (deliveries > this.s.maxDeliveries) {
      // It was taken over too often: its workers keep dying on it (a poison job). Do not run it again.
      return this.deadLetter(id, data, deliveries, `delivered ${deliveries} times without an acknowledgement`);
    }
    this.held.add(id);
    const job = this.jobFor(id, data, deliveries);
    try {
      await this.running(async () => await this.handler(job));
    } catch (e) {
      // A crash or a cancel ends the worker here: the entry stays pending, un-acked.
      if (e instanceof CancelledError || this.state === "crashed") throw e;
      if (deliveries >= this.s.maxDeliveries) await this.deadLetter(id, data, deliveries, label(e));
      else await this.retryLater(id, deliveries, label(e));
      this.held.delete(id);
      return;
    }
    await this.redis.sendCommand(["XACK", this.s.stream, this.s.group, id]);
    this.held.delete(id);
    this.trace({ kind: "acked", worker: this.name, id });
  }

  /** XPENDING's extended form for one ID: [[id, consumer, idle ms, deliveries]], or [] once acked. */
  private async deliveryCount(id: string): Promise<number | null> {
    const rows = (await this.redis.sendCommand(["XPENDING", this.s.stream, this.s.group, id, id, "1"])) as [string, string, number, number][];
    return rows.length === 0 ? null : rows[0][3];
  }

  /**
   * Leaves the entry pending, but makes it look idle for (visibility − backoff) (XCLAIM … IDLE;
   * JUSTID leaves the delivery count alone), so XAUTOCLAIM takes it again after the backoff.
   */
  private async retryLater(id: string, deliveries: number, error: string): Promise<void> {
    const backoffMs = backoffFor(deliveries, this.s.backoffMs);
    await this.redis.sendCommand(["XCLAIM", this.s.stream, this.s.group, this.name, "0", id, "IDLE", String(this.s.visibilityMs - backoffMs), "JUSTID"]);
    this.trace({ kind: "retry", worker: this.name, id, deliveries, backoffMs, error });
  }

  /** XADD to `<stream>:dead` and XACK, in one transaction: never both kept, never both lost. */
  private async deadLetter(id: string, data: Record<string, string>, deliveries: number, error: string): Promise<void> {
    const dead = `${this.s.stream}:dead`;
    await this.redis.sendCommand(["MULTI"]);
    await this.redis.sendCommand(["XADD", dead, "*", "id", id, ...toFields(data), "error", error, "deliveries", String(deliveries)]);
    await this.redis.sendCommand(["XACK", this.s.stream, this.s.group, id]);
    const [deadId] = (await this.redis.sendCommand(["EXEC"])) as [string, number];
    this.held.delete(id);
    this.trace({ kind: "dead-lettered", worker: this.name, id, deadId, deliveries, error });
  }

  private jobFor(id: string, data: Record<string, string>, deliveries: number): Job<P> {
    const key = data.key ?? id;
    return {
      id,
      key,
      payload: JSON.parse(data.payload ?? "null") as P,
      deliveries,
      worker: this.name,
      once: (effect) => this.once(id, key, effect),
    };
  }

  /**
   * The idempotency key: `done:<key>` is written once the effect has run, and a later delivery
   * that finds it skips the effect. The window: a crash after the effect and before the SET
   * leaves no mark, and the next delivery repeats the effect (on a network that is one round
   * trip; here a command takes no loop time, so no crash can land in it). To close it, the effect's own
   * service must take the key (an email API's idempotency key), or the effect must be a write
   * to this same Redis inside the MULTI that writes the mark.
   */
  private async once(id: string, key: string, effect: () => Promise<void> | void): Promise<boolean> {
    const mark = `done:${key}`;
    if ((await this.redis.exists(mark)) === 1) {
      this.trace({ kind: "duplicate-skipped", worker: this.name, id, key });
      return false;
    }
    await effect();
    await this.redis.set(mark, "1", { EX: this.s.keyTtlSeconds });
    return true;
  }

  protected kill(): void {
    void this.redis.close();
  }

  protected revive(): void {
    this.redis = connection(this.producer, this.name);
  }
}

/** A worker's own connection (node-redis's duplicate(), connected): its reads block it. */
function connection(producer: RedisClientType, name: string): RedisClientType {
  const client = producer.duplicate({ name });
  void client.connect(); // in-process: connected when this returns
  return client;
}

function toRecord(fields: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) out[fields[i]] = fields[i + 1];
  return out;
}

function toFields(data: Record<string, string>): string[] {
  return Object.entries(data).flat();
}
