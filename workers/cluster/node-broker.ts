// A worker's end of the cluster's one broker: a `ServerLike` for the node-redis-style client
// (workers/redis/client/client.ts) whose connections are links over the coordinator's wire. A
// command leaves as `broker-command` and its reply comes back as `broker-reply`; pub/sub
// messages come back as `broker-push` for the link that subscribed.
import type { ConnectionLike, ServerLike } from "../redis/client/client.ts";
import type { FromNode, ToNode } from "./protocol.ts";

type Pending = { resolve: (reply: unknown) => void; reject: (error: Error) => void };

class Link implements ConnectionLike {
  closed = false;
  listeners: ((frame: unknown[]) => void)[] = [];

  constructor(
    private readonly broker: NodeBroker,
    readonly id: number,
  ) {}

  sendCommand(args: string[]): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error("The client is closed"));
    return this.broker.command(this.id, args);
  }

  onPush(listener: (frame: unknown[]) => void): void {
    this.listeners.push(listener);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.broker.closeLink(this);
  }
}

export class NodeBroker implements ServerLike {
  private links = new Map<number, Link>();
  private pending = new Map<number, Pending>();
  private nextLink = 1;
  private nextId = 1;

  constructor(private readonly post: (message: FromNode) => void) {}

  connect(): ConnectionLike {
    const link = new Link(this, this.nextLink++);
    this.links.set(link.id, link);
    this.post({ type: "broker-open", link: link.id });
    return link;
  }

  command(link: number, argv: string[]): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.post({ type: "broker-command", link, id, argv: argv.map(String) });
    });
  }

  closeLink(link: Link): void {
    this.links.delete(link.id);
    this.post({ type: "broker-close", link: link.id });
  }

  /** A `broker-reply` or `broker-push` from the coordinator. */
  handle(message: Extract<ToNode, { type: "broker-reply" | "broker-push" }>): void {
    if (message.type === "broker-push") {
      for (const listener of this.links.get(message.link)?.listeners ?? []) listener(message.frame);
      return;
    }
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    if (message.ok) pending.resolve(message.reply);
    else pending.reject(new Error(message.error));
  }
}
