// MULTI / EXEC / DISCARD / WATCH / UNWATCH (multi.c). The dispatcher (engine.ts) checks each
// command (unknown, arity, subscribed mode) before it queues it here; a refusal flags the
// transaction so EXEC answers EXECABORT. The connection keeps the queue and the flags.
import { NO_KEYS, cmd, type CommandSpec } from "./command.ts";
import type { Connection } from "./connection.ts";
import { ErrorReply, Frames, NIL_ARRAY, OK, Pending, type Reply } from "./reply.ts";

const EXECABORT = new ErrorReply("EXECABORT Transaction discarded because of previous errors.");

/** queueMultiCommand: add a checked command to the open transaction. */
export function queueMultiCommand(c: Connection, spec: CommandSpec, argv: string[]): void {
  c.multi!.push({ spec, argv });
}

/** flagTransaction: a command was refused while queueing, so EXEC will abort. */
export function flagTransaction(c: Connection): void {
  if (c.multi !== null) c.dirtyExec = true;
}

/** execCommandAbort: EXEC itself was refused; the transaction goes, with the reason. */
export function execCommandAbort(c: Connection, msg: string): ErrorReply {
  c.discardTransaction();
  return new ErrorReply("EXECABORT Transaction discarded because of: " + msg);
}

function multi(c: Connection): Reply {
  if (c.multi !== null) return new ErrorReply("ERR MULTI calls can not be nested");
  c.multi = [];
  return OK;
}

function exec(c: Connection): Reply {
  const queue = c.multi;
  if (queue === null) return new ErrorReply("ERR EXEC without MULTI");
  // A watched key that expired since WATCH fails the transaction too.
  const now = c.server.time();
  for (const wk of c.watched) if (!wk.expired && wk.db.isExpired(wk.key, now)) c.dirtyCas = true;
  if (c.dirtyExec || c.dirtyCas) {
    const abort = c.dirtyExec;
    c.discardTransaction();
    return abort ? EXECABORT : NIL_ARRAY;
  }
  c.unwatchAll();
  c.multi = null;
  const replies = runQueued(c, queue);
  c.discardTransaction();
  return replies;
}

/** EXEC's loop: run the queued commands with one clock reading; blocking commands do not block. */
function runQueued(c: Connection, queue: { spec: CommandSpec; argv: string[] }[]): Reply[] {
  const replies: Reply[] = [];
  c.inExec = true;
  try {
    for (const { spec, argv } of queue) {
      c.server.stats.commands++;
      const out = c.server.call(c, spec, argv);
      if (out instanceof Frames) replies.push(...out.frames);
      else if (out instanceof Pending) replies.push(NIL_ARRAY);
      else replies.push(out);
    }
  } finally {
    c.inExec = false;
  }
  return replies;
}

function discard(c: Connection): Reply {
  if (c.multi === null) return new ErrorReply("ERR DISCARD without MULTI");
  c.discardTransaction();
  return OK;
}

function watch(c: Connection, argv: string[]): Reply {
  if (c.multi !== null) return new ErrorReply("ERR WATCH inside MULTI is not allowed");
  // No point in watching once a watched key has changed.
  if (c.dirtyCas) return OK;
  for (let i = 1; i < argv.length; i++) c.watch(c.db, argv[i]);
  return OK;
}

export const transactionCommands: CommandSpec[] = [
  cmd("multi", 1, "noqueue", NO_KEYS, multi),
  cmd("exec", 1, "noqueue", NO_KEYS, exec),
  cmd("discard", 1, "noqueue", NO_KEYS, discard),
  cmd("watch", -2, "noqueue", [1, -1, 1], watch),
  cmd("unwatch", 1, "", NO_KEYS, (c) => {
    // Forgets the keys and a change already seen to them.
    c.unwatchAll();
    c.dirtyCas = false;
    return OK;
  }),
];
