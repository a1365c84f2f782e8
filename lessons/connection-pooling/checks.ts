import { defineChecks, expect } from "playground/checks";
import { db } from "playground/postgres";
import { simulate } from "playground/pool";
import type * as Solution from "./solution";

const INVOCATIONS = 500;
const P95_TARGET_MS = 1000;

type Lesson = typeof Solution;

/** The burst the lesson is about: 500 instances at once, each serving post 1, 2, …, then closing its pool. */
async function burst({ setup, handler }: Lesson) {
  const answers = new Map<number, string | null>();
  const summary = await simulate(setup, (world) =>
    world.serverlessBurst({
      invocations: INVOCATIONS,
      handler: async (invocation) => {
        const id = 1 + invocation.invocation;
        answers.set(id, await handler(invocation, id));
        await invocation.pool.end();
      },
    }),
  );
  return { summary, answers };
}

let last: Awaited<ReturnType<typeof burst>> | null = null;
async function theBurst(lesson: Lesson) {
  last ??= await burst(lesson);
  return last;
}

export default defineChecks<Lesson>([
  {
    name: "500 invocations at once go through PgBouncer in transaction mode, with no error",
    hint: [
      "Straight to Postgres, 500 instances want 500 connections and max_connections is 100: most are refused.",
      'Set setup.pgbouncer to { pool_mode: "transaction", default_pool_size: …, max_client_conn: … } — max_client_conn must let all 500 clients in.',
    ],
    run: async (lesson) => {
      expect(lesson.setup.pgbouncer?.pool_mode, "setup.pgbouncer.pool_mode").to.equal("transaction");
      const { summary } = await theBurst(lesson);
      expect(summary.failed, `failed invocations (${summary.connectionsRefused} connections refused)`).to.equal(0);
      expect(summary.served).to.equal(INVOCATIONS);
    },
  },
  {
    name: "Each invocation answers its own post, read from Postgres through its pool",
    hint: "handler(invocation, id) returns the content of post id, queried with invocation.pool.",
    run: async (lesson) => {
      const { summary, answers } = await theBurst(lesson);
      const { rows } = await db.query<{ id: string | number; content: string }>("SELECT id, content FROM feed_items WHERE id <= $1", [INVOCATIONS]);
      for (const row of rows) expect(answers.get(Number(row.id)), `post ${row.id}`).to.equal(row.content);
      expect(summary.statements, "statements the instances sent through their pools").to.be.at.least(INVOCATIONS);
    },
  },
  {
    name: `The burst's p95 latency is under ${P95_TARGET_MS} ms`,
    hint: "Look at the p95 in the picture's latency table. Too few server connections queue the clients; too many only take turns on the 4 cores.",
    run: async (lesson) => {
      const { summary } = await theBurst(lesson);
      expect(summary.latency.p95, "p95 in ms").to.be.a("number").and.below(P95_TARGET_MS);
    },
  },
  {
    name: "A post that does not exist gives null and releases the connection",
    hint: "Release in a finally block, so every path — found, not found, or an error — gives the connection back.",
    run: async ({ handler }) => {
      let answer: string | null | undefined;
      let counts = { total: -1, idle: -1 };
      const summary = await simulate({}, async ({ Pool }) => {
        const pool = new Pool({ max: 1 });
        answer = await handler({ invocation: 0, pool }, -1);
        counts = { total: pool.totalCount, idle: pool.idleCount };
        await pool.end();
      });
      expect(answer).to.equal(null);
      expect(counts, "the pool's connections after the handler returned").to.deep.equal({ total: 1, idle: 1 });
      expect(summary.leakedClients, "clients never released").to.deep.equal([]);
    },
  },
  {
    name: "The statement timeout stays with the handler's own transaction",
    hint: "A plain SET stays on the server connection, and transaction pooling hands it to the next client. SET LOCAL inside BEGIN … COMMIT ends with the transaction.",
    run: async ({ handler }) => {
      let seen: unknown;
      await simulate({ pgbouncer: { pool_mode: "transaction", default_pool_size: 1 } }, async ({ Pool }) => {
        const mine = new Pool({ max: 1 });
        const next = new Pool({ max: 1 });
        await handler({ invocation: 0, pool: mine }, 1);
        // One server connection: the next client gets the same one.
        seen = (await next.query<{ statement_timeout: string }>("SHOW statement_timeout")).rows[0]?.statement_timeout;
        await Promise.all([mine.end(), next.end()]);
      });
      expect(seen, "statement_timeout as the next client on that server connection sees it").to.equal("0");
    },
  },
  {
    name: "The statement timeout still stops a slow query after 2 s",
    hint: "Keep a 2 s statement_timeout for the query (SET LOCAL statement_timeout = '2s' inside the transaction).",
    run: async ({ handler }) => {
      let error: unknown;
      // Every statement on Postgres takes 3 s here: the timeout must cut the query short.
      await simulate(
        { pgbouncer: { pool_mode: "transaction" } },
        async ({ Pool }) => {
          const pool = new Pool({ max: 1 });
          error = await handler({ invocation: 0, pool }, 1).then(() => null, (e: unknown) => e);
          await pool.end();
        },
        { statementMs: 3000 },
      );
      expect((error as Error | null)?.message, "what the handler threw").to.equal("canceling statement due to statement timeout");
    },
  },
]);
