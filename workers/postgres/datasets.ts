// The seeded datasets, as SQL steps. Every row is made inside Postgres by INSERT … SELECT over
// generate_series, with pseudo-random choices from Postgres's own hash functions (hashint8 of the
// row number), so a dataset is the same on every load and no row crosses from JavaScript.
// Tables are created, loaded and indexed in one transaction (engine.ts), which with wal_level =
// minimal writes no WAL for a million rows yet keeps them in a dump of the data directory (an
// UNLOGGED table comes back empty: kept-copy.ts); indexes are built after the rows are in, which is
// several times faster than maintaining them row by row.
import type { DatasetName } from "./dataset-names.ts";
import { VOCABULARY } from "./vocabulary.ts";

export { DATASETS, DEFAULT_ROWS, type DatasetName } from "./dataset-names.ts";

export interface SeedStep {
  dataset: DatasetName;
  phase: "prepare" | "rows" | "index" | "analyze";
  label: string;
  sql: string;
  params?: unknown[];
  /** Rows in the table once this step is done (rows steps only). */
  rows?: number;
  /** Roughly how long the step takes, in milliseconds measured in Node: progress is weighted by it. */
  cost: number;
}

/** Rows are loaded in this many slices so progress moves while they load. */
const SLICES = 10;

/** A uniform pseudo-random number in [0, 1) from a bigint SQL expression. */
const uniform = (x: string) => `((hashint8(${x}) & 2147483647)::float8 / 2147483648.0)`;

/**
 * A rank in 1..n drawn with probability ∝ 1/rank (Zipf's law, exponent 1): the inverse of the
 * continuous CDF ln(r)/ln(n + 1), so rank r gets ln((r + 1)/r) / ln(n + 1) ≈ 1/(r ln n).
 */
const zipf = (x: string, n: number | string) => `floor(exp(${uniform(x)} * ln((${n}) + 1)))::int`;

function slices(rows: number): [from: number, to: number][] {
  const size = Math.max(1, Math.ceil(rows / SLICES));
  const out: [number, number][] = [];
  for (let from = 1; from <= rows; from += size) out.push([from, Math.min(rows, from + size - 1)]);
  return out;
}

/**
 * feed_items: id 1..rows; created_at five posts per second from 2024-01-01 (so many rows share a
 * timestamp and only (created_at, id) is a unique sort key); author one of 5,000 users, a few of
 * them prolific (Zipf); a short content line.
 */
export function feedItemsSteps(rows: number): SeedStep[] {
  const steps: SeedStep[] = [
    {
      dataset: "feed_items",
      phase: "prepare",
      label: "Creating feed_items",
      cost: 5,
      sql: `DROP TABLE IF EXISTS feed_items;
        CREATE TABLE feed_items (
          id bigint NOT NULL,
          created_at timestamptz NOT NULL,
          author text NOT NULL,
          content text NOT NULL
        );`,
    },
  ];
  for (const [from, to] of slices(rows)) {
    steps.push({
      dataset: "feed_items",
      phase: "rows",
      label: `Loading feed_items rows ${from}–${to}`,
      rows: to,
      cost: (to - from + 1) * 0.0022,
      sql: `INSERT INTO feed_items (id, created_at, author, content)
        SELECT g,
          timestamptz '2024-01-01 00:00:00+00' + ((g - 1) / 5) * interval '1 second',
          'user_' || ${zipf("g * 8 + 1", 5000)},
          'Post #' || g || ' about ' || (ARRAY['databases','caching','queues','search','pagination','indexes','latency','backups'])[1 + (hashint8(g * 8 + 2) & 7)]
        FROM generate_series(${from}::bigint, ${to}::bigint) AS g`,
    });
  }
  steps.push(
    {
      dataset: "feed_items",
      phase: "index",
      label: "Indexing feed_items (id)",
      cost: rows * 0.0004,
      sql: `ALTER TABLE feed_items ADD CONSTRAINT feed_items_pkey PRIMARY KEY (id)`,
    },
    {
      dataset: "feed_items",
      phase: "index",
      label: "Indexing feed_items (created_at, id)",
      cost: rows * 0.0004,
      sql: `CREATE INDEX feed_items_created_at_id_idx ON feed_items (created_at, id)`,
    },
    {
      dataset: "feed_items",
      phase: "analyze",
      label: "Analyzing feed_items",
      cost: rows * 0.0002,
      // VACUUM sets the visibility map, so index-only scans skip the heap as in production.
      sql: `VACUUM (ANALYZE) feed_items`,
    },
  );
  return steps;
}

const SENTENCES = 4096;
const TITLES = 4096;
/** Titles skip the most frequent words ("the", "of", …), as real titles mostly do. */
const TITLE_SKIP = 60;

/**
 * documents: id 1..rows, a title of 2–5 words and a body of two sentences of 5–12 words. The
 * words are drawn from VOCABULARY with Zipf frequencies into 4,096 sentences and 4,096 titles;
 * each document picks its title and sentences by hash, so word frequencies across the corpus stay
 * Zipfian while generation is a few hash joins per row instead of one lookup per word. Bodies are
 * short on purpose: to_tsvector is most of the GIN index build (three sentences took 7 s in Node).
 */
export function documentsSteps(rows: number, options: { trigram: boolean }): SeedStep[] {
  const n = VOCABULARY.length;
  const steps: SeedStep[] = [
    {
      dataset: "documents",
      phase: "prepare",
      label: "Creating documents",
      cost: 5,
      sql: `DROP TABLE IF EXISTS documents;
        CREATE TABLE documents (id bigint NOT NULL, title text NOT NULL, body text NOT NULL);
        DROP TABLE IF EXISTS seed_words, seed_sentences, seed_titles;`,
    },
    {
      dataset: "documents",
      phase: "prepare",
      label: "Drawing sentences from the word list",
      cost: 5,
      params: [VOCABULARY],
      sql: `CREATE TEMP TABLE seed_words AS
        SELECT rank::int AS rank, word FROM unnest($1::text[]) WITH ORDINALITY AS t(word, rank)`,
    },
    {
      dataset: "documents",
      phase: "prepare",
      label: "Drawing sentences from the word list",
      cost: 100,
      sql: `CREATE TEMP TABLE seed_sentences AS
        SELECT sid, upper(left(text, 1)) || substr(text, 2) || '.' AS text
        FROM (
          SELECT s.sid, string_agg(w.word, ' ' ORDER BY p.pos) AS text
          FROM generate_series(0, ${SENTENCES - 1}) AS s(sid)
          CROSS JOIN LATERAL generate_series(1, 5 + (hashint8(s.sid) & 2147483647) % 8) AS p(pos)
          JOIN seed_words w ON w.rank = ${zipf("s.sid * 16 + p.pos", n)}
          GROUP BY s.sid
        ) AS drawn;
        CREATE TEMP TABLE seed_titles AS
        SELECT s.tid, initcap(string_agg(w.word, ' ' ORDER BY p.pos)) AS text
        FROM generate_series(0, ${TITLES - 1}) AS s(tid)
        CROSS JOIN LATERAL generate_series(1, 2 + (hashint8(s.tid + 1000000) & 2147483647) % 4) AS p(pos)
        JOIN seed_words w ON w.rank = ${TITLE_SKIP} + ${zipf("s.tid * 16 + p.pos + 1000000", n - TITLE_SKIP)}
        GROUP BY s.tid;`,
    },
  ];
  for (const [from, to] of slices(rows)) {
    const pick = (salt: number, count: number) => `(hashint8(d * 8 + ${salt}) & ${count - 1})`;
    steps.push({
      dataset: "documents",
      phase: "rows",
      label: `Loading documents rows ${from}–${to}`,
      rows: to,
      cost: (to - from + 1) * 0.003,
      sql: `INSERT INTO documents (id, title, body)
        SELECT d, t.text, s1.text || ' ' || s2.text
        FROM generate_series(${from}::bigint, ${to}::bigint) AS d
        JOIN seed_titles t ON t.tid = ${pick(0, TITLES)}
        JOIN seed_sentences s1 ON s1.sid = ${pick(1, SENTENCES)}
        JOIN seed_sentences s2 ON s2.sid = ${pick(2, SENTENCES)}`,
    });
  }
  steps.push(
    {
      dataset: "documents",
      phase: "index",
      label: "Indexing documents (id)",
      cost: rows * 0.0006,
      sql: `DROP TABLE seed_words, seed_sentences, seed_titles;
        ALTER TABLE documents ADD CONSTRAINT documents_pkey PRIMARY KEY (id)`,
    },
    {
      dataset: "documents",
      phase: "index",
      label: "Indexing documents for full-text search (GIN)",
      cost: rows * 0.025,
      // An expression index: a stored generated tsvector column added after loading took over a
      // minute; the expression index builds in seconds and queries must repeat the expression.
      sql: `CREATE INDEX documents_fts_idx ON documents USING gin (to_tsvector('english', title || ' ' || body))`,
    },
  );
  if (options.trigram) {
    steps.push({
      dataset: "documents",
      phase: "index",
      label: "Indexing documents titles for trigram search (pg_trgm)",
      cost: rows * 0.007,
      sql: `CREATE EXTENSION IF NOT EXISTS pg_trgm;
        CREATE INDEX documents_title_trgm_idx ON documents USING gin (title gin_trgm_ops)`,
    });
  }
  // ANALYZE samples 30,000 rows and computes the FTS expression index's statistics over them.
  const analyze = Math.min(rows, 30_000) * 0.035;
  steps.push({ dataset: "documents", phase: "analyze", label: "Analyzing documents", cost: analyze, sql: `VACUUM (ANALYZE) documents` });
  return steps;
}

export function seedSteps(dataset: DatasetName, rows: number, options: { trigram: boolean }): SeedStep[] {
  return dataset === "feed_items" ? feedItemsSteps(rows) : documentsSteps(rows, options);
}
