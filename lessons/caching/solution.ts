// Cache-aside around a slow query, with a TTL, invalidation on write and a lock against a
// stampede: of many requests that find the cache cold, one rebuilds it and the rest wait for it.
import { db } from "playground/postgres";
import { createClient } from "playground/redis";

export const CACHE_KEY = "top-authors";
export const TTL_SECONDS = 300;
const LOCK_KEY = `lock:${CACHE_KEY}`;

export interface Author {
  author: string;
  posts: number;
}

export const redis = createClient();
await redis.connect();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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

export async function getTopAuthors(): Promise<Author[]> {
  for (;;) {
    const cached = await redis.get(CACHE_KEY);
    if (cached !== null) return JSON.parse(cached) as Author[];

    // One request wins the lock and rebuilds; PX frees it even if this process dies meanwhile.
    const won = await redis.set(LOCK_KEY, "1", { NX: true, PX: 5_000 });
    if (won === "OK") {
      try {
        const rows = await queryTopAuthors();
        await redis.set(CACHE_KEY, JSON.stringify(rows), { EX: TTL_SECONDS });
        return rows;
      } finally {
        await redis.del(LOCK_KEY);
      }
    }
    await sleep(50); // someone else is querying: look again shortly
  }
}

export async function addPost(author: string, content: string): Promise<void> {
  await db.query(
    `INSERT INTO feed_items (id, created_at, author, content)
     SELECT max(id) + 1, now(), $1, $2 FROM feed_items`,
    [author, content],
  );
  // The ranking just changed: drop the cached copy so the next read rebuilds it.
  await redis.del(CACHE_KEY);
}

const first = await getTopAuthors();
const again = await getTopAuthors();
console.log("top three:", first.slice(0, 3).map((a) => `${a.author} (${a.posts})`).join(", "));
console.log("second call served from Redis:", JSON.stringify(again) === JSON.stringify(first));
console.log("TTL left:", await redis.ttl(CACHE_KEY), "s");
