// Full-text search twice: a small inverted index built by hand, and Postgres's own behind a GIN
// index. Run it, then open the Visualization pane.
import { db } from "playground/postgres";
import { showPostings } from "playground/search";

/** Words too common to tell documents apart (a few of Postgres's English stop words). */
export const STOP_WORDS = new Set([
  "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "had", "has", "have",
  "he", "her", "his", "i", "in", "is", "it", "its", "not", "of", "on", "or", "s", "she", "t",
  "that", "the", "their", "they", "this", "to", "was", "we", "were", "which", "will", "with", "you",
]);

export interface Doc {
  id: number;
  text: string;
}

export interface InvertedIndex {
  /** term → the ids of the documents that contain it: ascending, each id once. */
  postings: Map<string, number[]>;
  /** document id → term → how many times the term occurs in that document. */
  counts: Map<number, Map<string, number>>;
}

export interface Hit {
  id: number;
  score: number;
}

/** Lower-case words, split on anything that is not a letter, stop words dropped, repeats kept. */
export function tokenize(text: string): string[] {
  // TODO (step 2): "Cache-server's" must give "cache" and "server", and stop words must go.
  return text.toLowerCase().split(" ");
}

export function buildIndex(docs: Doc[]): InvertedIndex {
  const postings = new Map<string, number[]>();
  const counts = new Map<number, Map<string, number>>();
  for (const doc of docs) {
    const tf = new Map<string, number>();
    counts.set(doc.id, tf);
    for (const term of tokenize(doc.text)) {
      tf.set(term, (tf.get(term) ?? 0) + 1);
      // TODO (step 2): one posting per document, and every list ascending whatever order docs come in.
      const list = postings.get(term);
      if (list) list.push(doc.id);
      else postings.set(term, [doc.id]);
    }
  }
  return { postings, counts };
}

/** The ids in both ascending lists. */
export function intersect(a: number[], b: number[]): number[] {
  // TODO (step 3): right, but it reads b again for every id of a. Walk both lists once instead.
  return a.filter((id) => b.includes(id));
}

/** Documents with every term of the query, best first: Σ tf × ln(N / df), ties by id. */
export function search(index: InvertedIndex, query: string): Hit[] {
  const terms = [...new Set(tokenize(query))];
  if (terms.length === 0) return [];
  const lists = terms.map((term) => index.postings.get(term) ?? []);
  const ids = lists.slice(1).reduce(intersect, lists[0]!);
  // TODO (step 3): rank them.
  return ids.map((id) => ({ id, score: 0 }));
}

/** Every document matching `terms`, best first. */
export async function searchDocuments(terms: string): Promise<{ id: number; title: string; rank: number }[]> {
  // TODO (step 4): full-text search through documents_fts_idx, ranked with ts_rank.
  const { rows } = await db.query<{ id: string; title: string }>(
    `SELECT id, title FROM documents WHERE title || ' ' || body ILIKE '%' || $1 || '%' ORDER BY id`,
    [terms],
  );
  return rows.map((row) => ({ id: Number(row.id), title: row.title, rank: 0 }));
}

// The first 3,000 documents, indexed in the sandbox.
const { rows } = await db.query<{ id: string; text: string }>(
  `SELECT id, title || ' ' || body AS text FROM documents WHERE id <= 3000 ORDER BY id`,
);
const index = buildIndex(rows.map((row) => ({ id: Number(row.id), text: row.text })));

const query = "the query time";
const hits = search(index, query);
console.log(`"${query}" in ${index.counts.size} documents:`, hits.slice(0, 5));
showPostings({
  query,
  terms: [...new Set(tokenize(query))].map((term) => ({ term, ids: index.postings.get(term) ?? [] })),
  matched: hits.map((hit) => hit.id),
});

// Substring search, for comparison: nothing can skip a row, so Postgres reads them all.
const substring = await db.query(`SELECT id FROM documents WHERE title || ' ' || body ILIKE '%' || $1 || '%'`, ["lighthouse"]);
console.log(`ILIKE '%lighthouse%': ${substring.rowCount} documents`);

// The same question to Postgres, over all its documents.
const found = await searchDocuments("query time");
console.log(`Postgres: ${found.length} documents, best:`, found.slice(0, 3));
