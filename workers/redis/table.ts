// The command table: every family's rows, looked up by name in any letter case, with
// subcommands for container commands (CONFIG GET, PUBSUB NUMSUB...).
import { bitmapCommands } from "./bitmaps.ts";
import { blockingCommands } from "./blocking.ts";
import type { CommandSpec, CommandTable } from "./command.ts";
import { cstr } from "./reply.ts";
import { hashCommands } from "./hashes.ts";
import { keyCommands } from "./keys.ts";
import { lcsCommands } from "./lcs.ts";
import { listCommands } from "./lists.ts";
import { memoryCommands } from "./memory.ts";
import { pubsubCommands } from "./pubsub.ts";
import { serverCommands } from "./server.ts";
import { setCommands } from "./sets.ts";
import { sortCommands } from "./sort.ts";
import { streamGroupCommands } from "./stream-groups.ts";
import { streamInfoCommands } from "./stream-info.ts";
import { streamReadCommands } from "./stream-read.ts";
import { streamCommands } from "./streams.ts";
import { stringCommands } from "./strings.ts";
import { transactionCommands } from "./transactions.ts";
import { zsetAlgebraCommands } from "./zset-algebra.ts";
import { zrangeCommands } from "./zset-range.ts";
import { zsetCommands } from "./zsets.ts";

let table: Map<string, CommandSpec> | undefined;
let list: CommandSpec[] = [];

function build(): Map<string, CommandSpec> {
  list = [
    ...stringCommands,
    ...bitmapCommands,
    ...lcsCommands,
    ...keyCommands,
    ...memoryCommands,
    ...hashCommands,
    ...listCommands,
    ...blockingCommands,
    ...setCommands,
    ...zsetCommands,
    ...zrangeCommands,
    ...zsetAlgebraCommands,
    ...sortCommands,
    ...streamCommands,
    ...streamReadCommands,
    ...streamGroupCommands,
    ...streamInfoCommands,
    ...pubsubCommands,
    ...transactionCommands,
    ...serverCommands,
  ];
  const t = new Map<string, CommandSpec>();
  for (const spec of list) {
    if (t.has(spec.fullname)) throw new Error(`command ${spec.fullname} defined twice`);
    t.set(spec.fullname, spec);
    t.set(spec.fullname.toUpperCase(), spec);
  }
  return t;
}

export function allCommands(): CommandSpec[] {
  if (table === undefined) table = build();
  return list;
}

/**
 * lookupCommand: the spec, a string with the "unknown subcommand" error text when a container
 * command gets a subcommand it lacks, or undefined for an unknown command.
 */
let lastName = "";
let lastSpec: CommandSpec | undefined;

export function lookupCommand(argv: string[]): CommandSpec | string | undefined {
  const name = argv[0];
  // Commands come in runs (a loop of SETs, then GETs): the last one found is tried first.
  if (name === lastName) return lastSpec;
  if (table === undefined) table = build();
  const spec = table.get(name) ?? (name.length <= 32 ? table.get(name.toLowerCase()) : undefined);
  if (spec !== undefined && spec.subcommands === undefined) {
    lastName = name;
    lastSpec = spec;
  }
  if (spec === undefined) return undefined;
  if (spec.subcommands !== undefined && argv.length >= 2) {
    const sub = spec.subcommands.get(argv[1].toLowerCase());
    if (sub === undefined) return `unknown subcommand '${cstr(argv[1], 128)}'. Try ${cstr(name).toUpperCase()} HELP.`;
    return sub;
  }
  return spec;
}

/** What the server holds as its command table (server.commands). */
export const commandTable: CommandTable = { all: allCommands, lookup: lookupCommand };
