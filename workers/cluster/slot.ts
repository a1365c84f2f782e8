// One incarnation of a worker, as the coordinator keeps it: its link, the connections it holds
// and its counters. A restarted worker is a new Slot with the same number, so nothing that was
// on its way to or from the old one (a frame, a broker reply) reaches the new one.
import type { BrokerOwner } from "./broker.ts";
import type { SimClient } from "./client.ts";
import type { ToNode } from "./protocol.ts";
import type { NodeLink } from "./transport.ts";

export class Slot implements BrokerOwner {
  /** Loaded the app and not ended since. */
  alive = false;
  /** Null once the worker has ended. */
  link: NodeLink | null = null;
  /** The connections the worker holds, by client number (a vanished client's until it is dropped). */
  readonly conns = new Map<number, SimClient>();
  framesIn = 0;
  framesOut = 0;
  /** Settles the wait for `loaded`. */
  loading: { resolve(): void; reject(error: Error): void } | null = null;

  constructor(readonly worker: number) {}

  get connections(): number {
    return this.conns.size;
  }

  post(message: ToNode): void {
    this.link?.post(message);
  }
}
