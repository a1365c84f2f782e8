// The cluster's one broker: a Redis engine (workers/redis) in the coordinator, with a connection
// per broker link a worker opened. Commands run in the order they arrive, each link's replies go
// back to its worker, and what Redis pushes to a connection (pub/sub messages) goes to the worker
// that owns it — so PUBLISH and SUBSCRIBE behave across workers as they do with a real Redis.
import { createRedis, toNodeRedis, type Connection, type RedisServer } from "../redis/index.ts";
import type { ToNode } from "./protocol.ts";
import type { ClusterTraceBody } from "./trace.ts";

/** One incarnation of a worker, as the broker sees it: a restarted worker is a new owner. */
export interface BrokerOwner {
  worker: number;
  post(message: ToNode): void;
}

export interface BrokerEnv {
  /** Unix ms (Redis's clock). */
  now(): number;
  trace(body: ClusterTraceBody): void;
  /** The client frame a text published by `worker` carries (causes.ts). */
  cause(worker: number, text: string): number | null;
  /** A delivery carrying `msg` reached `worker`. */
  delivered(worker: number, msg: number | null): void;
}

type Delivery = Extract<ClusterTraceBody, { kind: "delivery" }>;

export class Broker {
  private readonly server: RedisServer;
  private readonly links = new Map<BrokerOwner, Map<number, Connection>>();
  /** The publish being executed: its deliveries are traced after it. */
  private publishing: { msg: number | null; deliveries: Delivery[] } | null = null;

  constructor(private readonly env: BrokerEnv) {
    this.server = createRedis({ now: env.now });
  }

  open(owner: BrokerOwner, link: number): void {
    let links = this.links.get(owner);
    if (!links) this.links.set(owner, (links = new Map()));
    if (links.has(link)) return;
    const connection = this.server.connect();
    connection.onPushReply((raw) => {
      const frame = raw.map((x) => String(toNodeRedis(x, this.server.binary)));
      owner.post({ type: "broker-push", link, frame });
      if (frame[0] !== "message" && frame[0] !== "pmessage") return;
      const [channel, text] = frame[0] === "message" ? [frame[1], frame[2]] : [frame[2], frame[3]];
      const msg = this.publishing?.msg ?? null;
      this.env.delivered(owner.worker, msg);
      const delivery: Delivery = { kind: "delivery", worker: owner.worker, channel, msg, text };
      if (this.publishing) this.publishing.deliveries.push(delivery);
      else this.env.trace(delivery);
    });
    links.set(link, connection);
  }

  command(owner: BrokerOwner, link: number, id: number, argv: string[]): void {
    const connection = this.links.get(owner)?.get(link);
    if (!connection) {
      owner.post({ type: "broker-reply", id, ok: false, error: "The client is closed" });
      return;
    }
    const isPublish = argv.length === 3 && argv[0].toUpperCase() === "PUBLISH";
    const publishing = isPublish ? { msg: this.env.cause(owner.worker, argv[2]), deliveries: [] as Delivery[] } : null;
    this.publishing = publishing;
    let reply: Promise<unknown>;
    try {
      reply = connection.sendCommand(argv);
    } finally {
      this.publishing = null;
    }
    reply.then(
      (value) => {
        if (publishing) {
          this.env.trace({ kind: "publish", worker: owner.worker, channel: argv[1], msg: publishing.msg, text: argv[2], receivers: Number(value) });
          for (const delivery of publishing.deliveries) this.env.trace(delivery);
        }
        owner.post({ type: "broker-reply", id, ok: true, reply: value });
      },
      (error: unknown) => owner.post({ type: "broker-reply", id, ok: false, error: error instanceof Error ? error.message : String(error) }),
    );
  }

  close(owner: BrokerOwner, link: number): void {
    const links = this.links.get(owner);
    links?.get(link)?.close();
    links?.delete(link);
  }

  /** The worker is gone: its connections close (leaving their subscriptions). */
  closeAll(owner: BrokerOwner): void {
    for (const connection of this.links.get(owner)?.values() ?? []) connection.close();
    this.links.delete(owner);
  }
}
