// The shape of the command table (Redis's `redisCommandTable`): name, arity (negative: at least
// that many), flags, and where the keys are. Each family file (strings.ts, keys.ts, ...) exports
// its rows; table.ts gathers them. Handlers get the connection and the arguments and answer
// with a reply; parsers deep inside may `fail(...)` with a reply error instead.
import type { Connection } from "./connection.ts";
import type { Outcome } from "./reply.ts";

export type Handler = (c: Connection, argv: string[]) => Outcome;

/** Flags that change how the dispatcher treats a command. */
export const F = {
  /** Modifies the dataset. */
  write: 1,
  readonly: 2,
  /** Allowed while the RESP2 connection is subscribed (PING, (P|S)(UN)SUBSCRIBE, QUIT, RESET). */
  pubsub: 4,
  /** Runs at once inside MULTI instead of being queued (EXEC, DISCARD, MULTI, WATCH, QUIT, RESET). */
  noQueue: 8,
  /** May block the connection (BLPOP...). */
  blocking: 16,
  /** Refused inside MULTI, which then aborts (SAVE: Redis will not fork or block mid-transaction). */
  noMulti: 32,
} as const;

export interface CommandSpec {
  /** Lowercase name; for a subcommand, the container's name, "|", then the subcommand's. */
  fullname: string;
  arity: number;
  flags: number;
  /** Position of the first key (0 when the command has none), of the last (-1: the last argument), and the step. */
  firstKey: number;
  lastKey: number;
  step: number;
  run: Handler;
  /** Container commands (CONFIG, CLIENT, PUBSUB...): the subcommands by lowercase name. */
  subcommands?: Map<string, CommandSpec>;
}

/** Flag names as Redis spells them in COMMAND INFO, for the table rows. */
const FLAG_NAMES: Record<string, number> = {
  write: F.write,
  readonly: F.readonly,
  pubsub: F.pubsub,
  noqueue: F.noQueue,
  blocking: F.blocking,
  "no-multi": F.noMulti,
};

/** One row of the table: `cmd("get", 2, "readonly", [1, 1, 1], getCommand)`. */
export function cmd(
  name: string,
  arity: number,
  flags: string,
  keys: [first: number, last: number, step: number],
  run: Handler,
  subcommands?: CommandSpec[],
): CommandSpec {
  let bits = 0;
  for (const f of flags.split(" ")) {
    if (f === "") continue;
    const bit = FLAG_NAMES[f];
    if (bit === undefined) throw new Error(`unknown command flag ${f} for ${name}`);
    bits |= bit;
  }
  const spec: CommandSpec = { fullname: name, arity, flags: bits, firstKey: keys[0], lastKey: keys[1], step: keys[2], run };
  if (subcommands) {
    spec.subcommands = new Map();
    for (const sub of subcommands) {
      sub.fullname = `${name}|${sub.fullname}`;
      spec.subcommands.set(sub.fullname.slice(name.length + 1), sub);
    }
  }
  return spec;
}

/**
 * The command table as the server holds it (Redis's server.commands, built in table.ts). COMMAND
 * and COMMAND GETKEYS read it through their connection's server: table.ts imports every family's
 * rows, so a row that imported table.ts would make an import cycle.
 */
export interface CommandTable {
  /** Every command, in the table's order. */
  all(): CommandSpec[];
  /** lookupCommand (see table.ts). */
  lookup(argv: string[]): CommandSpec | string | undefined;
}

export const NO_KEYS: [number, number, number] = [0, 0, 0];
export const KEY1: [number, number, number] = [1, 1, 1];
