// The seeded datasets by name and size, apart from their SQL (datasets.ts, with its word list) so
// the page and the lesson build can name them without loading it.
export type DatasetName = "feed_items" | "documents";

export const DATASETS: readonly DatasetName[] = ["feed_items", "documents"];

export const DEFAULT_ROWS: Record<DatasetName, number> = { feed_items: 1_000_000, documents: 200_000 };
