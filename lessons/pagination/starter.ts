import { db } from "playground/postgres";

export const PAGE_SIZE = 50;

export interface FeedItem {
  id: string; // bigint: node-postgres gives it as text
  created_at: Date;
  author: string;
  content: string;
}
/** Where a page ends: the last row's created_at and id, exactly as db.query gave them. */
export interface Cursor {
  createdAt: Date;
  id: string;
}

const COLUMNS = "id, created_at, author, content";
const cursorOf = (row: FeedItem): Cursor => ({ createdAt: row.created_at, id: row.id });

// 1. Deep pages. Both queries return the same 50 rows (ids run 1..1,000,000 without gaps);
//    the /* depth */ comment tells the chart where the cursor query reads.
for (const depth of [0, 10_000, 100_000, 500_000, 999_950]) {
  await db.query(`SELECT ${COLUMNS} FROM feed_items ORDER BY id OFFSET ${depth} LIMIT 50`);
  await db.query(`/* depth ${depth} */ SELECT ${COLUMNS} FROM feed_items WHERE id > $1 ORDER BY id LIMIT 50`, [depth]);
}

// 2. A newest-first feed: page 1, then five posts arrive, then page 2 two ways.
const NEWEST = `SELECT ${COLUMNS} FROM feed_items`;
const page1 = await db.query<FeedItem>(`${NEWEST} ORDER BY created_at DESC, id DESC LIMIT 50`);
await db.query(`INSERT INTO feed_items (id, created_at, author, content)
  SELECT m.id + g, m.created_at + g * interval '1 second', 'newcomer', 'Fresh post ' || g
  FROM (SELECT max(id) AS id, max(created_at) AS created_at FROM feed_items) AS m, generate_series(1, 5) AS g`);
const byOffset = await db.query<FeedItem>(`${NEWEST} ORDER BY created_at DESC, id DESC OFFSET 50 LIMIT 50`);
const last = page1.rows[page1.rows.length - 1];
const byCursor = await db.query<FeedItem>(
  `${NEWEST} WHERE (created_at, id) < ($1, $2) ORDER BY created_at DESC, id DESC LIMIT 50`,
  [last.created_at, last.id],
);
const onPage1 = new Set(page1.rows.map((r) => r.id));
const repeated = (rows: FeedItem[]) => rows.filter((r) => onPage1.has(r.id)).map((r) => r.id);
console.log(`Page 2 by OFFSET 50 repeats ${repeated(byOffset.rows).length} posts of page 1: ${repeated(byOffset.rows).join(", ")}`);
console.log(`Page 2 after the cursor repeats ${repeated(byCursor.rows).length}`);

// 3. The challenge: pages in (created_at, id) order, oldest first. This version looks right on
//    the seeded data; the checks add posts that share a timestamp. Fix it (step 2), write
//    getPageBefore (step 3), then make the last page's next null (step 4).
export async function getPage(cursor: Cursor | null): Promise<{ rows: FeedItem[]; next: Cursor | null }> {
  const { rows } = cursor
    ? await db.query<FeedItem>(
        `SELECT ${COLUMNS} FROM feed_items WHERE created_at > $1 ORDER BY created_at, id LIMIT $2`,
        [cursor.createdAt, PAGE_SIZE],
      )
    : await db.query<FeedItem>(`SELECT ${COLUMNS} FROM feed_items ORDER BY created_at, id LIMIT $1`, [PAGE_SIZE]);
  const lastRow = rows[rows.length - 1];
  return { rows, next: lastRow ? cursorOf(lastRow) : null };
}

export async function getPageBefore(cursor: Cursor): Promise<{ rows: FeedItem[]; previous: Cursor | null }> {
  // TODO: the PAGE_SIZE rows just before `cursor`, oldest first; `previous` is null on the first page.
  throw new Error(`getPageBefore(${cursor.id}) is not written yet`);
}

const first = await getPage(null);
console.log(`Page 1: ids ${first.rows[0].id}…${first.rows[first.rows.length - 1].id}, next after id ${first.next?.id}`);
