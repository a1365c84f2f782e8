import { defineChecks, expect } from "playground/checks";
import { db, type PlanNode } from "playground/postgres";
import { watchStatements } from "playground/checks/postgres";
import type * as Solution from "./solution";

type Doc = Solution.Doc;

/** A few hundred real documents, in a shuffled order (a fixed one, so runs agree). */
async function corpus(): Promise<Doc[]> {
  const { rows } = await db.query<{ id: string; text: string }>(
    `SELECT id, title || ' ' || body AS text FROM documents WHERE id <= 400 ORDER BY hashint8(id)`,
  );
  return rows.map((row) => ({ id: Number(row.id), text: row.text }));
}

/** A fixed pseudo-random sorted list of distinct ids (Park–Miller: exact in doubles). */
function sortedIds(count: number, max: number, seed: number): number[] {
  const ids = new Set<number>();
  let x = seed;
  while (ids.size < count) {
    x = (x * 48271) % 2147483647;
    ids.add(x % max);
  }
  return [...ids].sort((a, b) => a - b);
}

/** The array, counting every element read through it (a[i], and what filter/includes/… read). */
function counted(list: number[]): { list: number[]; reads: () => number } {
  let reads = 0;
  const proxy = new Proxy(list, {
    get(target, key, receiver) {
      if (typeof key === "string" && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver);
    },
  });
  return { list: proxy, reads: () => reads };
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

const describeNode = (node: PlanNode) =>
  `${node["Node Type"]}${node["Index Name"] ? ` using ${String(node["Index Name"])}` : ""}${node["Relation Name"] ? ` on ${String(node["Relation Name"])}` : ""}`;

/**
 * The truth for Postgres checks: the same match and rank with no index, over the first 20,000
 * documents (appending '' changes the expression, so the GIN index cannot serve it).
 */
async function fullScan(terms: string): Promise<number[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM (
       SELECT id, to_tsvector('english', title || ' ' || body || '') AS v FROM documents WHERE id <= 20000
     ) AS d, plainto_tsquery('english', $1) AS q
     WHERE v @@ q ORDER BY ts_rank(v, q) DESC, id`,
    [terms],
  );
  return rows.map((row) => Number(row.id));
}

export default defineChecks<typeof Solution>([
  {
    name: "tokenize lower-cases, splits on anything but letters, and drops stop words",
    hint: [
      "Split on a regular expression that matches runs of non-letters, after toLowerCase(): `/[^a-z]+/`.",
      "Splitting can leave empty strings at the ends; filter them out, and filter out STOP_WORDS.has(word). Keep repeats: the ranking counts them.",
    ],
    run: ({ tokenize }) => {
      const cases: [string, string[]][] = [
        ["The Cache-server's INDEX, indexed twice: index!", ["cache", "server", "index", "indexed", "twice", "index"]],
        ["  Query\ttime\n", ["query", "time"]],
        ["To be, or not to be.", []],
        ["", []],
      ];
      for (const [text, tokens] of cases) expect(tokenize(text), `tokenize(${JSON.stringify(text)})`).to.deep.equal(tokens);
    },
  },
  {
    name: "Posting lists are sorted and hold each document once",
    hint: [
      "A word that occurs twice in a document must still add its id once: count the terms of a document first, then add one posting per distinct term.",
      "The checks give you the documents shuffled. Sort every list ascending (`list.sort((a, b) => a - b)` — without the comparator, sort compares as strings) once all documents are in.",
    ],
    run: async ({ buildIndex, tokenize }) => {
      const docs = [...(await corpus()), { id: 7, text: "cache cache CACHE, quorum." }, { id: 3, text: "Quorum cache" }];
      const index = buildIndex(docs);
      const truth = new Map<string, number[]>();
      for (const doc of [...docs].sort((a, b) => a.id - b.id)) {
        for (const term of new Set(tokenize(doc.text))) truth.set(term, [...(truth.get(term) ?? []), doc.id]);
      }
      expect(index.postings.get("quorum"), 'postings of "quorum" (documents 3 and 7, and any real one)').to.include.members([3, 7]);
      for (const [term, ids] of truth) {
        const list = index.postings.get(term);
        expect(list, `postings of "${term}"`).to.deep.equal(ids);
      }
      expect([...index.postings.keys()].length, "terms in the index").to.equal(truth.size);
      expect(index.counts.get(7)?.get("cache"), 'counts of "cache" in document 7').to.equal(3);
    },
  },
  {
    name: "intersect walks two sorted lists once (a merge walk)",
    hint: [
      "Keep one position in each list. Equal ids: keep it and move both; otherwise move the one with the smaller id.",
      "`a.filter((id) => b.includes(id))` is right but reads b again for every id of a: lists of 1,000 cost about a million reads instead of 2,000.",
    ],
    run: ({ intersect }) => {
      expect(intersect([], [1, 2]), "intersect([], [1, 2])").to.deep.equal([]);
      expect(intersect([1, 3, 5], [2, 4, 6]), "intersect([1, 3, 5], [2, 4, 6])").to.deep.equal([]);
      expect(intersect([2, 10, 11, 40], [1, 2, 3, 11, 40, 99]), "intersect([2, 10, 11, 40], [1, 2, 3, 11, 40, 99])").to.deep.equal([2, 11, 40]);
      const a = sortedIds(1000, 5000, 1);
      const b = sortedIds(1000, 5000, 2);
      const inB = new Set(b);
      const A = counted(a);
      const B = counted(b);
      expect(intersect(A.list, B.list), "intersect of two lists of 1,000 ids").to.deep.equal(a.filter((id) => inB.has(id)));
      const reads = A.reads() + B.reads();
      expect(reads, `elements read to intersect two lists of 1,000 (a merge walk reads at most 2,000)`).to.be.at.most(4000);
    },
  },
  {
    name: "search finds exactly the documents that contain every term",
    hint: [
      "AND: intersect the posting lists of all the query's terms (tokenize the query like the documents, so stop words drop out).",
      "A term that is in no document has an empty list, so the answer is empty; a query of stop words only has no terms: answer [].",
    ],
    run: async ({ buildIndex, search, tokenize }) => {
      const docs = await corpus();
      const index = buildIndex(docs);
      for (const query of ["time years", "the people world", "Work", "little state time", "time lighthouse-nowhere", "of the"]) {
        const terms = tokenize(query);
        const expected = terms.length === 0 ? [] : docs.filter((doc) => terms.every((term) => tokenize(doc.text).includes(term))).map((doc) => doc.id).sort((x, y) => x - y);
        const got = search(index, query).map((hit) => hit.id).sort((x, y) => x - y);
        expect(got, `ids found for ${JSON.stringify(query)} in documents 1–400`).to.deep.equal(expected);
      }
    },
  },
  {
    name: "search ranks by tf × idf, best first",
    hint: [
      "score = Σ over the query's terms of tf × ln(N / df): tf how often the term occurs in the document (index.counts), df the length of its posting list, N the number of documents.",
      "Sort by score descending, and by id ascending when scores tie.",
    ],
    run: ({ buildIndex, search }) => {
      const docs = [
        { id: 1, text: "cache cache cache server" },
        { id: 2, text: "cache server quorum" },
        { id: 3, text: "cache server" },
        { id: 4, text: "cache" },
        { id: 5, text: "server" },
        { id: 6, text: "lighthouse" },
        { id: 7, text: "quorum quorum cache" },
        { id: 8, text: "quorum cache cache cache" },
      ];
      const index = buildIndex(docs);
      // "quorum" is in 3 of 8 documents, "cache" in 6: a quorum counts more than three caches.
      const ranked = search(index, "cache quorum");
      expect(ranked.map((hit) => hit.id), 'ids for "cache quorum", best first').to.deep.equal([7, 8, 2]);
      const idf = (df: number) => Math.log(8 / df);
      expect(ranked[0]?.score, "score of document 7 (1 × idf(cache) + 2 × idf(quorum))").to.be.closeTo(idf(6) + 2 * idf(3), 1e-9);
      expect(search(index, "cache server").map((hit) => hit.id), 'ids for "cache server" (2 and 3 tie)').to.deep.equal([1, 2, 3]);
    },
  },
  {
    name: "searchDocuments goes through the GIN index, not a Seq Scan",
    hint: [
      "ILIKE '%…%' cannot use the full-text index: Postgres reads all 200,000 rows.",
      "Match with `to_tsvector('english', title || ' ' || body) @@ websearch_to_tsquery('english', $1)`: exactly the expression documents_fts_idx was built on, or the planner cannot use it.",
    ],
    run: async ({ searchDocuments }) => {
      const { statements } = await watchStatements(() => searchDocuments("query time"));
      expect(statements.length, "statements searchDocuments sent with db.query").to.be.at.least(1);
      const { text, values } = statements[statements.length - 1]!;
      const plan = nodes((await db.explain(text, values)).Plan);
      const seen = plan.map(describeNode).join(" → ");
      expect(plan.some((node) => node["Relation Name"] === "documents" && node["Node Type"] === "Seq Scan"), `a Seq Scan on documents in the plan (${seen})`).to.equal(false);
      expect(plan.some((node) => node["Index Name"] === "documents_fts_idx"), `documents_fts_idx in the plan (${seen})`).to.equal(true);
    },
  },
  {
    name: "searchDocuments finds what a full scan finds, ranked by ts_rank",
    hint: [
      "Every matching document, no LIMIT: the check compares them with a scan of the first 20,000 documents.",
      "Stemming: 'caching servers' must find the documents that say 'cache' and 'server'. Order by `ts_rank(to_tsvector('english', title || ' ' || body), query) DESC, id`.",
    ],
    run: async ({ searchDocuments }) => {
      for (const [terms, truthOf] of [["query time", "query time"], ["caching servers", "cache server"]]) {
        const expected = await fullScan(truthOf!);
        const found = (await searchDocuments(terms!)).map((row) => Number(row.id));
        expect(found.length, `documents found for "${terms}"`).to.be.at.least(expected.length);
        expect(found.filter((id) => id <= 20000), `ids ≤ 20,000 found for "${terms}", in order`).to.deep.equal(expected);
      }
    },
  },
]);
