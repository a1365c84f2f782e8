// The seeded datasets by name and size, apart from their SQL (datasets.ts, with its word list) so
// the page and the lesson build can name them without loading it.
export type DatasetName = "feed_items" | "documents";

export const DATASETS: readonly DatasetName[] = ["feed_items", "documents"];

export const DEFAULT_ROWS: Record<DatasetName, number> = { feed_items: 1_000_000, documents: 200_000 };

/**
 * What seeding each dataset at DEFAULT_ROWS costs, in its seed steps' unit (roughly ms in Node;
 * the sum of their `cost`, with the trigram index): the page weighs its progress bar by it before
 * the worker is up. progress.test.ts checks it against datasets.ts.
 */
export const SEED_COST: Record<DatasetName, number> = { feed_items: 3205, documents: 8280 };
