import { defineChecks, expect } from "playground/checks";
import { db, scanSummary, type PlanNode } from "playground/postgres";
import { watchStatements } from "playground/checks/postgres";
import type * as Solution from "./solution";

type Row = { id: string; created_at: Date };
const ORDERED = "SELECT id, created_at FROM feed_items ORDER BY created_at, id";
const WALK_PAGES = 40;

// Posts that share a second with the posts at a page's end, as real feeds have (imports, bursts,
// clocks with coarse resolution). They get new, higher ids, so in (created_at, id) order they
// sit right after id 48, 149 and 1203 — and straddle the boundaries of pages 1, 3 and 25.
// Inserted once per run, inside the run's transaction: rolled back when it ends.
let tied: Promise<unknown> | null = null;
const addTies = () =>
  (tied ??= db.query(`INSERT INTO feed_items (id, created_at, author, content)
    SELECT m.id + row_number() OVER (), f.created_at, 'same_second', 'Posted in the same second as #' || f.id
    FROM (SELECT max(id) AS id FROM feed_items) AS m, feed_items AS f, generate_series(1, 7) AS g
    WHERE f.id IN (48, 149, 1203)`));

/**
 * Cuts the feed to its first 3,000 posts and the tied ones, for a walk to the end (inside the run's
 * transaction, rolled back when it ends). Not a DELETE of the other ~997,000 rows: deleting them
 * one by one took past the lesson's 5 s statement limit in the browser. The posts kept are put
 * aside, the table is emptied at once (TRUNCATE makes it new files, which the rollback drops) and
 * they are put back, into the same table with the same indexes.
 */
async function keepFirstPosts(): Promise<void> {
  await db.query(`CREATE TEMP TABLE checks_first_posts ON COMMIT DROP AS
    SELECT * FROM feed_items WHERE id <= 3000 OR author = 'same_second'`);
  await db.query("TRUNCATE feed_items");
  await db.query("INSERT INTO feed_items SELECT * FROM checks_first_posts");
}

const cursorOf = (row: Row) => ({ createdAt: row.created_at, id: row.id });

function nodes(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(nodes)];
}

function describePlan(node: PlanNode): string {
  const name = `${node["Node Type"]}${node["Index Name"] ? ` using ${String(node["Index Name"])}` : node["Relation Name"] ? ` on ${String(node["Relation Name"])}` : ""}`;
  return node.Plans?.length ? `${name} → ${node.Plans.map(describePlan).join(", ")}` : name;
}

/** Where two id lists part ways, in words; null when they are the same. */
function difference(got: string[], want: string[]): string | null {
  if (got.length === want.length && got.every((id, i) => id === want[i])) return null;
  const dupes = got.length - new Set(got).size;
  const missing = want.filter((id) => !got.includes(id)).length;
  const at = want.findIndex((id, i) => got[i] !== id);
  const page = Math.floor(at / 50) + 1;
  return `row ${at + 1} (page ${page}) should be id ${want[at]} but is ${got[at] ?? "missing"}; ${dupes} duplicate(s), ${missing} row(s) never returned`;
}

export default defineChecks<typeof Solution>([
  {
    name: "getPage(null) is the first 50 rows in (created_at, id) order",
    hint: ["Order by both columns: ORDER BY created_at, id LIMIT …", "Return { rows, next }: next is the cursor after the last row, or null after the last page."],
    run: async ({ getPage }) => {
      await addTies();
      const want = (await db.query<Row>(`${ORDERED} LIMIT 50`)).rows.map((r) => r.id);
      const page = await getPage(null);
      expect(page.rows.map((r) => r.id), "ids of the first page").to.deep.equal(want);
      expect(page.next, "next of the first page").to.not.equal(null);
    },
  },
  {
    name: `Walking ${WALK_PAGES} pages gives the first ${WALK_PAGES * 50} rows: no duplicates, no gaps`,
    hint: [
      "The check adds posts that share a timestamp with the last post of a page. `created_at > $1` skips them; `created_at >= $1` repeats the ones already shown.",
      "Compare both columns at once with a row comparison: WHERE (created_at, id) > ($1, $2) ORDER BY created_at, id.",
    ],
    run: async ({ getPage }) => {
      await addTies();
      const want = (await db.query<Row>(`${ORDERED} LIMIT ${WALK_PAGES * 50}`)).rows.map((r) => r.id);
      const got: string[] = [];
      let cursor = null;
      for (let i = 0; i < WALK_PAGES; i++) {
        const page: Awaited<ReturnType<typeof getPage>> = await getPage(cursor);
        expect(page.rows.length, `rows on page ${i + 1}`).to.equal(50);
        got.push(...page.rows.map((r) => r.id));
        expect(page.next, `next of page ${i + 1}`).to.not.equal(null);
        cursor = page.next;
      }
      const mismatch = difference(got, want);
      if (mismatch) expect.fail(`The walk differs from one ordered query: ${mismatch}`);
    },
  },
  {
    name: "A page deep in the table is read through an index, at most 100 rows",
    hint: [
      "The check asks Postgres for the plan (EXPLAIN ANALYZE) of each query getPage sends, from a cursor 90% of the way through the table.",
      "OFFSET reads every row before the page; a Seq Scan reads the whole table. A keyset condition on (created_at, id) starts the index scan at the cursor.",
    ],
    run: async ({ getPage }) => {
      const { rows } = await db.query<{ m: string }>("SELECT max(id) AS m FROM feed_items");
      const deep = (await db.query<Row>("SELECT id, created_at FROM feed_items WHERE id <= $1 ORDER BY id DESC LIMIT 1", [Math.floor(Number(rows[0].m) * 0.9)])).rows[0];
      const { result, statements } = await watchStatements(() => getPage(cursorOf(deep)));
      expect(result.rows.length, "rows on the deep page").to.equal(50);
      expect(statements.length, "queries getPage sent through db.query").to.be.greaterThan(0);
      for (const { text, values } of statements) {
        const plan = (await db.explain(text, values)).Plan;
        const shape = describePlan(plan);
        const seq = nodes(plan).some((n) => n["Node Type"] === "Seq Scan" && n["Relation Name"] === "feed_items");
        expect(seq, `a Seq Scan on feed_items in ${shape}`).to.equal(false);
        expect(nodes(plan).some((n) => /Index/.test(n["Node Type"])), `an index scan in ${shape}`).to.equal(true);
        expect(scanSummary(plan).scanned, `rows Postgres read for one page (${shape})`).to.be.at.most(100);
      }
    },
  },
  {
    name: "The last page has next = null (and is not empty)",
    hint: ["Ask for PAGE_SIZE + 1 rows: if the extra row comes back there is a next page; return only PAGE_SIZE of them."],
    run: async ({ getPage }) => {
      const tail = (await db.query<Row>("SELECT id, created_at FROM feed_items ORDER BY created_at DESC, id DESC LIMIT 101")).rows;
      const before = await getPage(cursorOf(tail[100]));
      expect(before.rows.length, "rows on the second-to-last page").to.equal(50);
      expect(before.next, "next of the second-to-last page").to.not.equal(null);
      const lastPage = await getPage(before.next);
      expect(lastPage.rows.map((r) => r.id), "ids of the last page").to.deep.equal(tail.slice(0, 50).map((r) => r.id).reverse());
      expect(lastPage.next, "next of the last page (exactly 50 rows remained)").to.equal(null);
    },
  },
  {
    name: "getPageBefore(cursor) is the 50 rows before it, oldest first",
    hint: [
      "Reverse the comparison and the order — WHERE (created_at, id) < ($1, $2) ORDER BY created_at DESC, id DESC — then reverse the rows.",
      "previous is the cursor of the page's first row, or null when nothing comes before it.",
    ],
    run: async ({ getPageBefore }) => {
      await addTies();
      const rows = (await db.query<Row>(`${ORDERED} LIMIT 200`)).rows;
      const page = await getPageBefore(cursorOf(rows[150]));
      expect(page.rows.map((r) => r.id), "ids before row 151").to.deep.equal(rows.slice(100, 150).map((r) => r.id));
      expect(page.previous, "previous of that page").to.deep.equal(cursorOf(rows[100]));
      const start = await getPageBefore(cursorOf(rows[30]));
      expect(start.rows.map((r) => r.id), "ids before row 31").to.deep.equal(rows.slice(0, 30).map((r) => r.id));
      expect(start.previous, "previous at the start of the feed").to.equal(null);
    },
  },
  {
    // Last: it cuts the table down (inside the run's transaction, rolled back when the run ends).
    name: "Walking every page to the end gives each row once, then next = null",
    hint: [
      "The check keeps the first 3,000 posts and the ones that share their seconds, then calls getPage until next is null.",
      "Fetch PAGE_SIZE + 1 rows: the extra row says whether another page exists. A short last page must still end with next = null.",
    ],
    run: async ({ getPage }) => {
      await addTies();
      await keepFirstPosts();
      const want = (await db.query<Row>(ORDERED)).rows.map((r) => r.id);
      const got: string[] = [];
      let cursor = null;
      for (let pages = 1; ; pages++) {
        const page: Awaited<ReturnType<typeof getPage>> = await getPage(cursor);
        got.push(...page.rows.map((r) => r.id));
        if (page.next === null) break;
        if (pages > want.length / 50 + 1) expect.fail(`getPage kept returning a next cursor after ${pages} pages of a ${want.length}-row feed`);
        cursor = page.next;
      }
      const mismatch = difference(got, want);
      if (mismatch) expect.fail(`The walk of all ${want.length} rows differs from one ordered query: ${mismatch}`);
    },
  },
]);
