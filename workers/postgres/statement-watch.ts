// Which statements a piece of code sent, for a lesson's checks (`playground/checks/postgres`).
// Checks used to wrap `db.query` to see them, which meant `db` had to stay writable — and learner
// code, holding the same `db`, could then replace it under the checks (fake an index plan, drop the
// check's INSERT). Now `db` is frozen and every statement passes through this log on its way to
// the port, whoever sent it; only the checks' module can open a watch.

export interface SentStatement {
  text: string;
  values?: unknown[];
}

interface Watch {
  statements: SentStatement[];
  /** Past this many statements, answer each with the first one's result instead of sending it. */
  forward: number;
  first: Promise<unknown> | null;
}

export interface StatementLog {
  /** Sends one query statement (through `send`), recording it in every open watch. */
  query<T>(statement: SentStatement, send: () => Promise<T>): Promise<T>;
  watch<T>(work: () => Promise<T>, options?: { forward?: number }): Promise<{ result: T; statements: SentStatement[] }>;
}

export function createStatementLog(): StatementLog {
  const open = new Set<Watch>();
  return {
    query<T>(statement: SentStatement, send: () => Promise<T>): Promise<T> {
      let sent: Promise<T> | null = null;
      for (const w of open) {
        w.statements.push(statement);
        if (w.first && w.statements.length > w.forward) return w.first as Promise<T>;
        sent ??= send();
        w.first ??= sent;
      }
      return sent ?? send();
    },
    async watch(work, { forward = Infinity } = {}) {
      const w: Watch = { statements: [], forward, first: null };
      open.add(w);
      try {
        return { result: await work(), statements: w.statements };
      } finally {
        open.delete(w);
      }
    },
  };
}
