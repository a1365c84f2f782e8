// What `import … from "playground/checks/postgres"` gives a lesson's checks (never learner code:
// the sandbox leaves playground/checks/* out of the learner's modules). Values come from
// playground.ts, on the same connection as the run's `db`.
import type { SentStatement } from "./statement-watch.ts";

export type { SentStatement } from "./statement-watch.ts";

/**
 * Runs `work` and lists the statements sent through `db.query` meanwhile, whoever sent them.
 * With `forward`, statements past that many are answered with the first one's result instead of
 * being sent (PGlite runs one statement at a time, so a stampede of 100 would take most of a minute).
 */
export declare function watchStatements<T>(work: () => Promise<T>, options?: { forward?: number }): Promise<{ result: T; statements: SentStatement[] }>;
