// Cache-aside around a slow query: look in Redis first, and on a miss ask Postgres and keep the
// answer. It works — until the data changes, or a hundred requests arrive at once.
import { db } from "playground/postgres";
import { createClient } from "playground/redis";

export const CACHE_KEY = "top-authors";

export interface Author {
  author: string;
  posts: number;
}

export const redis = createClient();
await redis.connect();

async function queryTopAuthors(): Promise<Author[]> {
  const { rows } = await db.query<Author>(
    `SELECT author, count(*)::int AS posts
       FROM feed_items
      GROUP BY author
      ORDER BY posts DESC, author
      LIMIT 50`,
  );
  return rows;
}

// Step 4: a hundred callers that find the cache cold at once must send one query between them.
export async function getTopAuthors(): Promise<Author[]> {
  const cached = await redis.get(CACHE_KEY);
  if (cached !== null) return JSON.parse(cached) as Author[];
  const rows = await queryTopAuthors();
  await redis.set(CACHE_KEY, JSON.stringify(rows)); // TODO (step 2): how long may this copy live?
  return rows;
}

export async function addPost(author: string, content: string): Promise<void> {
  await db.query(
    `INSERT INTO feed_items (id, created_at, author, content)
     SELECT max(id) + 1, now(), $1, $2 FROM feed_items`,
    [author, content],
  );
  // TODO (step 3): the ranking just changed, but the cache still holds the old one.
}

const first = await getTopAuthors();
const again = await getTopAuthors();
console.log("top three:", first.slice(0, 3).map((a) => `${a.author} (${a.posts})`).join(", "));
console.log("second call served from Redis:", JSON.stringify(again) === JSON.stringify(first));
console.log("TTL left:", await redis.ttl(CACHE_KEY), "s");
