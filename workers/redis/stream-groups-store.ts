// Consumer groups (stream.h's streamCG, streamConsumer, streamNACK): a group's last delivered ID
// and read counter, its consumers, and the pending entries list (PEL) — entries delivered and not
// yet acknowledged, each owned by one consumer, with its last delivery time and delivery count.
// Redis keeps the PELs in radix trees by ID; here a sorted array of IDs beside a map.
import { lowerBound, type StreamID } from "./stream-id.ts";
import type { Stream } from "./stream-store.ts";

export interface Nack {
  /** When the entry was last delivered (ms on the engine's clock). */
  deliveryTime: number;
  deliveryCount: number;
  /** Null only for an entry XCLAIM FORCE created, until it is given to a consumer. */
  consumer: Consumer | null;
}

/** A PEL: IDs in order, each with its NACK. */
export class Pel {
  private readonly ids: StreamID[] = [];
  private readonly map = new Map<StreamID, Nack>();

  get size(): number {
    return this.ids.length;
  }

  get(id: StreamID): Nack | undefined {
    return this.map.get(id);
  }

  /** Index of the first ID >= id. */
  lowerBound(id: StreamID): number {
    return lowerBound(this.ids, id, (x) => x);
  }

  /** raxTryInsert: false when the ID is already there. */
  insert(id: StreamID, nack: Nack): boolean {
    if (this.map.has(id)) return false;
    this.map.set(id, nack);
    const a = this.ids;
    if (a.length === 0 || a[a.length - 1] < id) a.push(id);
    else a.splice(this.lowerBound(id), 0, id);
    return true;
  }

  remove(id: StreamID): boolean {
    if (!this.map.delete(id)) return false;
    const a = this.ids;
    // Acknowledgements mostly come in delivery order: the oldest first.
    if (a[0] === id) a.shift();
    else a.splice(this.lowerBound(id), 1);
    return true;
  }

  /** The ID at position i (in ID order). */
  at(i: number): StreamID | undefined {
    return this.ids[i];
  }

  first(): StreamID | undefined {
    return this.ids[0];
  }

  last(): StreamID | undefined {
    return this.ids[this.ids.length - 1];
  }

  idList(): StreamID[] {
    return this.ids.slice();
  }
}

export class Consumer {
  readonly pel = new Pel();
  constructor(
    readonly name: string,
    /** When the consumer last read or claimed (streamLookupConsumer refreshes it). */
    public seenTime: number,
  ) {}
}

/** SCG_INVALID_ENTRIES_READ. */
export const INVALID_READ = -1;

export class ConsumerGroup {
  readonly pel = new Pel();
  readonly consumers = new Map<string, Consumer>();
  constructor(
    public lastId: StreamID,
    /** The logical read counter, or INVALID_READ when unknown. */
    public entriesRead: number,
  ) {}

  /** Consumers in the radix tree's order: byte order of their names. */
  consumerList(): Consumer[] {
    return [...this.consumers.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** streamDelConsumer: its pending entries leave the group's PEL too. */
  deleteConsumer(consumer: Consumer): void {
    for (const id of consumer.pel.idList()) this.pel.remove(id);
    this.consumers.delete(consumer.name);
  }

  clone(): ConsumerGroup {
    const g = new ConsumerGroup(this.lastId, this.entriesRead);
    for (const c of this.consumers.values()) g.consumers.set(c.name, new Consumer(c.name, c.seenTime));
    for (const id of this.pel.idList()) {
      const n = this.pel.get(id)!;
      const owner = n.consumer === null ? null : g.consumers.get(n.consumer.name)!;
      const copy: Nack = { deliveryTime: n.deliveryTime, deliveryCount: n.deliveryCount, consumer: owner };
      g.pel.insert(id, copy);
      owner?.pel.insert(id, copy);
    }
    return g;
  }
}

/** Group names in byte order (the radix tree's). */
export function groupList(groups: Map<string, ConsumerGroup> | null): [string, ConsumerGroup][] {
  if (groups === null) return [];
  return [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A deep copy of a stream with its groups (COPY). */
export function cloneStream(s: Stream): Stream {
  return s.clone((from) => (from.groups === null ? null : new Map([...from.groups].map(([name, g]) => [name, g.clone()]))));
}
