// A stream (t_stream.c, stream.h): entries in ID order, kept in nodes as Redis keeps them in
// listpacks under a radix tree. The nodes matter to what a client sees: a node fills up at
// stream-node-max-entries entries or stream-node-max-bytes bytes (sizes as listpack.c encodes
// them, with the master entry's field names shared by the entries that repeat them), `~`
// trimming removes whole nodes only, deleted entries stay in their node as tombstones until the
// node empties, and XINFO STREAM counts the nodes. Consumer groups are in stream-groups-store.ts.
import { limit } from "./config.ts";
import { LP_OVERHEAD, jemallocSize, lpIntSize, lpStringSize } from "./listpack-size.ts";
import { MAX_ID, lowerBound, msOf, seqOf, type StreamID } from "./stream-id.ts";
import type { ConsumerGroup } from "./stream-groups-store.ts";

export interface StreamEntry {
  readonly id: StreamID;
  /** field, value, field, value... */
  readonly fields: string[];
  deleted: boolean;
}

/** One listpack: a master entry (its first entry's ID and field names) and the entries. */
class StreamNode {
  readonly entries: StreamEntry[] = [];
  live = 0;
  tombstones = 0;
  /** Bytes of everything but the live and deleted counters, whose size changes with their values. */
  private fixedBytes: number;
  /**
   * What the listpack's allocation holds (MEMORY USAGE counts it): a new node is preallocated,
   * grows to the size class of what it needs, shrinks when an element shrinks, and is shrunk to
   * fit when the next node starts.
   */
  allocated: number;

  constructor(
    readonly master: StreamID,
    readonly masterFields: string[],
    prealloc = 7,
  ) {
    this.fixedBytes = LP_OVERHEAD + lpIntSize(masterFields.length) + lpIntSize(0);
    for (const f of masterFields) this.fixedBytes += lpStringSize(f);
    this.allocated = jemallocSize(Math.max(prealloc, LP_OVERHEAD));
  }

  /** lpInsert's reallocation after an element changed size. */
  resizedAfter(before: number): void {
    const now = this.bytes;
    if (now < before || now > this.allocated) this.allocated = jemallocSize(now);
  }

  /** One more entry marked deleted (streamIteratorRemoveEntry): the live count, then the deleted count. */
  markDeleted(): void {
    let before = this.bytes;
    this.live--;
    this.resizedAfter(before);
    before = this.bytes;
    this.tombstones++;
    this.resizedAfter(before);
  }

  /** lpShrinkToFit, when the next node starts. */
  shrinkToFit(): void {
    if (this.bytes < this.allocated) this.allocated = jemallocSize(this.bytes);
  }

  get bytes(): number {
    return this.fixedBytes + lpIntSize(this.live) + lpIntSize(this.tombstones);
  }

  /** streamAppendItem's listpack part: flags, the ID as deltas from the master, fields unless the master's, values, lp-count. */
  append(e: StreamEntry): void {
    const n = e.fields.length / 2;
    let same = n === this.masterFields.length;
    for (let i = 0; same && i < n; i++) same = e.fields[2 * i] === this.masterFields[i];
    let size = lpIntSize(same ? 2 : 0);
    size += lpIntSize(BigInt.asIntN(64, msOf(e.id) - msOf(this.master)));
    size += lpIntSize(BigInt.asIntN(64, seqOf(e.id) - seqOf(this.master)));
    if (!same) size += lpIntSize(n);
    for (let i = 0; i < n; i++) {
      if (!same) size += lpStringSize(e.fields[2 * i]);
      size += lpStringSize(e.fields[2 * i + 1]);
    }
    size += lpIntSize(same ? n + 3 : 2 * n + 4);
    this.fixedBytes += size;
    this.entries.push(e);
    this.live++;
    if (this.bytes > this.allocated) this.allocated = jemallocSize(this.bytes);
  }

  /** Index of the first entry with an ID >= id. */
  lowerBound(id: StreamID): number {
    return lowerBound(this.entries, id, (e) => e.id);
  }
}

export type TrimArgs = { strategy: "maxlen"; maxlen: number } | { strategy: "minid"; minid: StreamID };

export class Stream {
  nodes: StreamNode[] = [];
  length = 0;
  lastId: StreamID = 0n;
  /** The first live entry's ID (0-0 when empty): XINFO's recorded-first-entry-id. */
  firstId: StreamID = 0n;
  maxDeletedId: StreamID = 0n;
  entriesAdded = 0;
  /** Consumer groups by name (a radix tree in Redis: listed in byte order). */
  groups: Map<string, ConsumerGroup> | null = null;

  /**
   * streamAppendItem: add an entry with the given ID (seq chosen when !seqGiven) or the next one
   * after the last ID at time `now`. Answers the new ID, or why it could not add it.
   */
  append(fields: string[], now: number, use?: { id: StreamID; seqGiven: boolean }): StreamID | "smaller" | "too-large" {
    let id: StreamID;
    if (use !== undefined) {
      if (use.seqGiven) id = use.id;
      else if (msOf(this.lastId) === msOf(use.id)) {
        // The sequence would overflow: Redis fails without setting errno, which reads as "too large".
        if (seqOf(this.lastId) === 0xffffffffffffffffn) return "too-large";
        id = this.lastId + 1n;
      } else id = use.id;
    } else {
      const ms = BigInt(now);
      id = ms > msOf(this.lastId) ? ms << 64n : this.lastId + 1n;
    }
    if (id <= this.lastId) return "smaller";
    let total = 0;
    for (const f of fields) total += f.length;
    if (total > 1 << 30) return "too-large";
    let node = this.nodes.length > 0 ? this.nodes[this.nodes.length - 1] : undefined;
    if (node !== undefined) {
      let maxBytes = limit("stream-node-max-bytes");
      if (maxBytes === 0 || maxBytes > 1 << 30) maxBytes = 1 << 30;
      const maxEntries = limit("stream-node-max-entries");
      if (node.bytes + total >= maxBytes || (maxEntries > 0 && node.live + node.tombstones >= maxEntries)) {
        node.shrinkToFit();
        node = undefined;
      }
    }
    if (node === undefined) {
      const names: string[] = [];
      for (let i = 0; i < fields.length; i += 2) names.push(fields[i]);
      const configured = limit("stream-node-max-bytes");
      node = new StreamNode(id, names, configured > 0 && configured < 4096 ? configured : 4096);
      this.nodes.push(node);
    }
    node.append({ id, fields, deleted: false });
    this.length++;
    this.entriesAdded++;
    this.lastId = id;
    if (this.length === 1) this.firstId = id;
    return id;
  }

  /** Index of the node that would hold id: the last whose master ID is <= id (-1 when none). */
  private nodeFor(id: StreamID): number {
    const a = this.nodes;
    let lo = 0;
    let hi = a.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (a[mid].master <= id) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  /**
   * The streamIterator: live entries with start <= ID <= end, ascending (or descending when
   * rev), until visit answers false.
   */
  scan(start: StreamID, end: StreamID, rev: boolean, visit: (e: StreamEntry) => boolean | void): void {
    if (start > end) return;
    const nodes = this.nodes;
    if (!rev) {
      const from = Math.max(0, this.nodeFor(start));
      for (let n = from; n < nodes.length; n++) {
        const entries = nodes[n].entries;
        for (let i = n === from ? nodes[n].lowerBound(start) : 0; i < entries.length; i++) {
          const e = entries[i];
          if (e.id > end) return;
          if (!e.deleted && visit(e) === false) return;
        }
      }
      return;
    }
    for (let n = this.nodeFor(end); n >= 0; n--) {
      const node = nodes[n];
      const entries = node.entries;
      let i = node.lowerBound(end);
      if (i === entries.length || entries[i].id > end) i--;
      for (; i >= 0; i--) {
        const e = entries[i];
        if (e.id < start) return;
        if (!e.deleted && visit(e) === false) return;
      }
    }
  }

  /** The live entry with this ID. */
  get(id: StreamID): StreamEntry | undefined {
    let found: StreamEntry | undefined;
    this.scan(id, id, false, (e) => {
      found = e;
      return false;
    });
    return found;
  }

  /** streamGetEdgeID with tombstones skipped: the first (or last) live entry's ID. */
  edgeId(first: boolean): StreamID | undefined {
    let id: StreamID | undefined;
    this.scan(0n, MAX_ID, !first, (e) => {
      id = e.id;
      return false;
    });
    return id;
  }

  /** streamDeleteItem: mark the entry deleted; a node whose last live entry goes is dropped. */
  delete(id: StreamID): boolean {
    const n = this.nodeFor(id);
    if (n < 0) return false;
    const node = this.nodes[n];
    const i = node.lowerBound(id);
    const e = node.entries[i];
    if (e === undefined || e.id !== id || e.deleted) return false;
    e.deleted = true;
    if (node.live === 1) this.nodes.splice(n, 1);
    else node.markDeleted();
    this.length--;
    return true;
  }

  /**
   * streamTrim: drop whole nodes from the head while the strategy allows; unless approx, then
   * mark entries deleted inside the next node. `limit` (0: none) caps the entries removed, a
   * node at a time. Answers how many entries went.
   */
  trim(args: TrimArgs, approx: boolean, limitCount: number): number {
    let deleted = 0;
    while (this.nodes.length > 0) {
      if (args.strategy === "maxlen" && this.length <= args.maxlen) break;
      const node = this.nodes[0];
      const entries = node.live;
      if (limitCount && deleted + entries > limitCount) break;
      const removeNode =
        args.strategy === "maxlen" ? this.length - entries >= args.maxlen : node.entries[node.entries.length - 1].id < args.minid;
      if (removeNode) {
        this.nodes.shift();
        this.length -= entries;
        deleted += entries;
        continue;
      }
      if (approx) break;
      let fromNode = 0;
      for (const e of node.entries) {
        const stop = args.strategy === "maxlen" ? this.length <= args.maxlen : e.id >= args.minid;
        if (stop) break;
        if (!e.deleted) {
          e.deleted = true;
          fromNode++;
          this.length--;
        }
      }
      // The counters are rewritten once for the whole node: live, then deleted.
      let before = node.bytes;
      node.live -= fromNode;
      node.resizedAfter(before);
      before = node.bytes;
      node.tombstones += fromNode;
      node.resizedAfter(before);
      deleted += fromNode;
      break;
    }
    if (this.length === 0) this.firstId = 0n;
    else if (deleted) this.firstId = this.edgeId(true)!;
    return deleted;
  }

  /** streamRangeHasTombstones: whether a deleted entry may lie in [start, end]. */
  rangeHasTombstones(start: StreamID, end: StreamID = MAX_ID): boolean {
    if (this.length === 0 || this.maxDeletedId === 0n) return false;
    if (this.firstId > this.maxDeletedId) return false;
    return start <= this.maxDeletedId && this.maxDeletedId <= end;
  }

  /**
   * streamEstimateDistanceFromFirstEverEntry: the logical read counter of an ID (how many entries
   * were added up to it), or -1 when the stream's holes make it unknowable.
   */
  distanceFromFirstEver(id: StreamID): number {
    if (!this.entriesAdded) return 0;
    if (!this.length && id <= this.lastId) return this.entriesAdded;
    if (id === this.lastId) return this.entriesAdded;
    if (id > this.lastId) return -1;
    if (this.maxDeletedId === 0n || this.maxDeletedId < this.firstId) {
      if (id < this.firstId) return this.entriesAdded - this.length;
      if (id === this.firstId) return this.entriesAdded - this.length + 1;
    }
    return -1;
  }

  /** raxSize(s->rax): the number of nodes. */
  get nodeCount(): number {
    return this.nodes.length;
  }

  /** The nodes' master IDs, for the radix tree's node count (XINFO STREAM). */
  masters(): StreamID[] {
    return this.nodes.map((n) => n.master);
  }

  /** The listpacks' allocations in bytes (MEMORY USAGE). */
  nodeAllocations(): number[] {
    return this.nodes.map((n) => n.allocated);
  }

  clone(cloneGroups: (s: Stream) => Map<string, ConsumerGroup> | null): Stream {
    const copy = new Stream();
    for (const node of this.nodes) {
      const n = new StreamNode(node.master, node.masterFields);
      for (const e of node.entries) n.append({ id: e.id, fields: e.fields, deleted: e.deleted });
      n.live = node.live;
      n.tombstones = node.tombstones;
      // streamDup copies each listpack into an allocation of its exact size.
      n.allocated = jemallocSize(n.bytes);
      copy.nodes.push(n);
    }
    copy.length = this.length;
    copy.lastId = this.lastId;
    copy.firstId = this.firstId;
    copy.maxDeletedId = this.maxDeletedId;
    copy.entriesAdded = this.entriesAdded;
    copy.groups = cloneGroups(this);
    return copy;
  }
}
