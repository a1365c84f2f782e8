// COMMAND GETKEYS (getKeysFromCommand): which arguments of a command line are keys. Most
// commands keep them in the table's first / last / step range; those with movable keys find
// them as Redis's *GetKeys functions do: a numkeys count (ZUNION, LMPOP...) or SORT's STORE.
import type { CommandSpec } from "./command.ts";
import type { Connection } from "./connection.ts";
import { parseLLNumber } from "./numbers.ts";
import { ErrorReply, type Reply } from "./reply.ts";
import { xreadKeyPositions } from "./stream-read.ts";

/** Commands whose keys follow a numkeys argument: its position, and a key before it (the destination). */
const NUMKEYS: Record<string, { at: number; dest?: number }> = {
  zunionstore: { at: 2, dest: 1 },
  zinterstore: { at: 2, dest: 1 },
  zdiffstore: { at: 2, dest: 1 },
  zunion: { at: 1 },
  zinter: { at: 1 },
  zdiff: { at: 1 },
  zintercard: { at: 1 },
  sintercard: { at: 1 },
  lmpop: { at: 1 },
  zmpop: { at: 1 },
  blmpop: { at: 2 },
  bzmpop: { at: 2 },
};

/** sortGetKeys: the sorted key, and the last STORE's (LIMIT, GET and BY arguments skipped, as Redis skips them). */
function sortKeys(argv: string[]): number[] {
  const skip: Record<string, number> = { limit: 2, get: 1, by: 1 };
  let store = 0;
  for (let i = 2; i < argv.length; i++) {
    const opt = argv[i].toLowerCase();
    if (opt in skip) i += skip[opt];
    else if (opt === "store" && i + 1 < argv.length) store = ++i;
  }
  return store ? [1, store] : [1];
}

/** The positions of argv's keys for this spec (argv[0] is the command); none for bad numkeys. */
function keyPositions(spec: CommandSpec, argv: string[]): number[] {
  const name = spec.fullname;
  if (name === "sort") return sortKeys(argv);
  if (name === "xread" || name === "xreadgroup") return xreadKeyPositions(argv, name === "xread" ? 1 : 4);
  const numkeys = NUMKEYS[name];
  if (numkeys !== undefined) {
    const n = parseLLNumber(argv[numkeys.at]);
    if (n === undefined || n < 1 || n > argv.length - numkeys.at - 1) return [];
    const keys = numkeys.dest === undefined ? [] : [numkeys.dest];
    for (let i = 0; i < n; i++) keys.push(numkeys.at + 1 + i);
    return keys;
  }
  const last = spec.lastKey < 0 ? argv.length + spec.lastKey : spec.lastKey;
  const keys: number[] = [];
  for (let i = spec.firstKey; i <= last && i < argv.length; i += spec.step) keys.push(i);
  return keys;
}

/** COMMAND GETKEYS command arg...: getKeysSubcommandImpl's checks, in its order. */
export function commandGetKeys(c: Connection, argv: string[]): Reply {
  const line = argv.slice(2);
  const spec = c.server.commands.lookup(line);
  if (spec === undefined || typeof spec === "string") return new ErrorReply("ERR Invalid command specified");
  const movable = spec.fullname === "xread" || spec.fullname === "xreadgroup";
  if (spec.firstKey === 0 && !movable) return new ErrorReply("ERR The command has no key arguments");
  if ((spec.arity > 0 && spec.arity !== line.length) || line.length < -spec.arity)
    return new ErrorReply("ERR Invalid number of arguments specified for command");
  const keys = keyPositions(spec, line);
  if (keys.length === 0) return new ErrorReply("ERR Invalid arguments specified for command");
  return keys.map((i) => line[i]);
}
