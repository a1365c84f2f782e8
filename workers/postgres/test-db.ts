// A real PGlite for the Node tests, seeded small so the suite stays fast.
import { PGlite } from "@electric-sql/pglite";
import { PostgresEngine } from "./engine.ts";
import { pgliteOptions } from "./pglite-options.ts";

export const TEST_FEED_ROWS = 20_000;

export async function seededEngine(): Promise<{ db: PGlite; engine: PostgresEngine }> {
  const db = new PGlite(pgliteOptions());
  const engine = new PostgresEngine(db, { now: () => performance.now() });
  await engine.seed("feed_items", { rows: TEST_FEED_ROWS });
  return { db, engine };
}
