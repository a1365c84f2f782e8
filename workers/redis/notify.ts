// Keyspace notifications (notify.c): with CONFIG SET notify-keyspace-events, a command that
// changes a key publishes what it did on __keyspace@<db>__:<key> (the event as message) and
// __keyevent@<db>__:<event> (the key as message), for the classes of events switched on. The
// commands call notify() where Redis calls notifyKeyspaceEvent, with its event names.
import type { Connection } from "./connection.ts";
import type { RedisServer } from "./engine.ts";
import type { Db } from "./keyspace.ts";
import { publishMessage } from "./pubsub.ts";

export const NOTIFY = {
  keyspace: 1 << 0, // K
  keyevent: 1 << 1, // E
  generic: 1 << 2, // g
  string: 1 << 3, // $
  list: 1 << 4, // l
  set: 1 << 5, // s
  hash: 1 << 6, // h
  zset: 1 << 7, // z
  expired: 1 << 8, // x
  evicted: 1 << 9, // e
  stream: 1 << 10, // t
  keymiss: 1 << 11, // m (left out of A on purpose)
  module: 1 << 13, // d
  new: 1 << 14, // n (left out of A too)
} as const;

const ALL = NOTIFY.generic | NOTIFY.string | NOTIFY.list | NOTIFY.set | NOTIFY.hash | NOTIFY.zset | NOTIFY.expired | NOTIFY.evicted | NOTIFY.stream | NOTIFY.module;

const CLASSES: Record<string, number> = {
  A: ALL,
  g: NOTIFY.generic,
  $: NOTIFY.string,
  l: NOTIFY.list,
  s: NOTIFY.set,
  h: NOTIFY.hash,
  z: NOTIFY.zset,
  x: NOTIFY.expired,
  e: NOTIFY.evicted,
  K: NOTIFY.keyspace,
  E: NOTIFY.keyevent,
  t: NOTIFY.stream,
  m: NOTIFY.keymiss,
  d: NOTIFY.module,
  n: NOTIFY.new,
};

/** keyspaceEventsStringToFlags: undefined for a character that names no class. */
export function eventFlags(classes: string): number | undefined {
  let flags = 0;
  for (const ch of classes) {
    const f = CLASSES[ch];
    if (f === undefined) return undefined;
    flags |= f;
  }
  return flags;
}

/** keyspaceEventsFlagsToString: what CONFIG GET shows ("A" for all the classes it covers). */
export function eventClasses(flags: number): string {
  let s = "";
  if ((flags & ALL) === ALL) s = "A";
  else for (const ch of "g$lshzxetdn") if (flags & CLASSES[ch]) s += ch;
  if (flags & NOTIFY.keyspace) s += "K";
  if (flags & NOTIFY.keyevent) s += "E";
  if (flags & NOTIFY.keymiss) s += "m";
  return s;
}

/** notifyKeyspaceEvent. */
export function publishEvent(s: RedisServer, db: Db, type: number, event: string, key: string): void {
  const flags = s.config.notifyFlags;
  if ((flags & type) === 0) return;
  if (flags & NOTIFY.keyspace) publishMessage(s, undefined, `__keyspace@${db.id}__:${key}`, event);
  if (flags & NOTIFY.keyevent) publishMessage(s, undefined, `__keyevent@${db.id}__:${event}`, key);
}

/** notifyKeyspaceEvent from a command, for the database it works in (or the one given). */
export function notify(c: Connection, type: number, event: string, key: string, db: Db = c.db): void {
  publishEvent(c.server, db, type, event, key);
}
