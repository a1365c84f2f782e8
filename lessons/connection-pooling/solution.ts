// A burst of serverless function instances, each serving one post through its own pool, with
// PgBouncer in transaction mode in front of Postgres: 500 clients share 20 server connections.
import { simulate, type Invocation, type Setup } from "playground/pool";

export const setup: Setup = {
  server: { maxConnections: 100, cores: 4 },
  pgbouncer: {
    pool_mode: "transaction",
    default_pool_size: 20, // server connections: well under max_connections
    max_client_conn: 1000, // room for every instance at once
  },
};

/** The content of post `id`, or null when there is no such post. */
export async function handler({ pool }: Invocation, id: number): Promise<string | null> {
  const client = await pool.connect();
  try {
    // SET LOCAL ends with the transaction, so no other client inherits the timeout.
    await client.query("BEGIN");
    await client.query("SET LOCAL statement_timeout = '2s'");
    const { rows } = await client.query<{ content: string }>("SELECT content FROM feed_items WHERE id = $1", [id]);
    await client.query("COMMIT");
    return rows.length === 0 ? null : rows[0].content;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release(); // on every path: found, not found, or failed
  }
}

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
