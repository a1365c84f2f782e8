// A burst of serverless function instances, each serving one post through its own pool.
// `setup` says how the instances reach Postgres; `handler` serves one invocation.
import { simulate, type Invocation, type Setup } from "playground/pool";

export const setup: Setup = {
  server: { maxConnections: 100, cores: 4 },
  // Step 3: straight to Postgres: every instance opens its own connection.
  pgbouncer: null,
};

/** The content of post `id`, or null when there is no such post. */
export async function handler({ pool }: Invocation, id: number): Promise<string | null> {
  const client = await pool.connect();
  // Step 4: a time limit for this query — set on the whole connection.
  await client.query("SET statement_timeout = '2s'");
  const { rows } = await client.query<{ content: string }>("SELECT content FROM feed_items WHERE id = $1", [id]);
  // Step 2: no such post: this returns with the connection still checked out.
  if (rows.length === 0) return null;
  client.release();
  return rows[0].content;
}

// 500 instances start at once, each serving one post, then closing its pool.
const summary = await simulate(setup, (world) =>
  world.serverlessBurst({
    invocations: 500,
    handler: async (invocation) => {
      await handler(invocation, 1 + invocation.invocation);
      await invocation.pool.end();
    },
  }),
);
console.log(`served ${summary.served}, failed ${summary.failed}, p95 ${summary.latency.p95?.toFixed(1)} ms`);
console.log(`connections opened ${summary.connectionsOpened}, refused ${summary.connectionsRefused}, at most ${summary.peakServerConnections} at once`);
