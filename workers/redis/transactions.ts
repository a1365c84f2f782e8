// MULTI / EXEC / DISCARD / WATCH / UNWATCH (multi.c). Queueing itself happens in the dispatcher
// (engine.ts): commands are checked (unknown, arity, subscribed mode) as they are queued, and a
// refusal marks the transaction so EXEC answers EXECABORT.
import { NO_KEYS, cmd, type CommandSpec } from "./command.ts";
import type { Connection } from "./connection.ts";
import { ErrorReply, NIL_ARRAY, OK, type Reply } from "./reply.ts";

const EXECABORT = new ErrorReply("EXECABORT Transaction discarded because of previous errors.");

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
  const replies = c.server.runQueued(c, queue);
  c.discardTransaction();
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
