import { defineChecks, expect } from "playground/checks";
import { db } from "playground/postgres";
import { watchStatements } from "playground/checks/postgres";
import { advanceTime, createClient, type RedisClientType } from "playground/redis";
import type * as Solution from "./solution";

type Author = Solution.Author;
const KEY = "top-authors";
const HOUR_MS = 3_600_000;
/** Statements of a stampede actually sent to Postgres before the check answers the rest. */
const FORWARDED = 3;

const TOP_50 = `SELECT author, count(*)::int AS posts FROM feed_items
  GROUP BY author ORDER BY posts DESC, author LIMIT 50`;

// The checks' own connection to the run's Redis server, to look at the key the way redis-cli would.
let inspector: RedisClientType | null = null;
async function redis(): Promise<RedisClientType> {
  if (!inspector) inspector = await createClient({ name: "checks" }).connect();
  return inspector;
}

/** Runs `fn` and counts the statements it sends to Postgres; past `forward`, see watchStatements. */
async function counting<T>(fn: () => Promise<T>, forward = Infinity): Promise<{ result: T; queries: number }> {
  const { result, statements } = await watchStatements(fn, { forward });
  return { result, queries: statements.length };
}

/** Redis's own counters: reads that found their key, and reads that did not. */
async function keyspace(): Promise<{ hits: number; misses: number }> {
  const info = String(await (await redis()).sendCommand(["INFO", "stats"]));
  const read = (name: string) => Number(new RegExp(`${name}:(\\d+)`).exec(info)?.[1]);
  return { hits: read("keyspace_hits"), misses: read("keyspace_misses") };
}

async function truth(): Promise<Author[]> {
  return (await db.query<Author>(TOP_50)).rows;
}

async function coldCache(): Promise<void> {
  await (await redis()).del(KEY);
}

export default defineChecks<typeof Solution>([
  {
    name: "getTopAuthors answers the top 50 authors by number of posts",
    hint: "Keep the query as it is: author and count(*)::int AS posts, grouped by author, most posts first, 50 rows.",
    run: async ({ getTopAuthors }) => {
      await coldCache();
      const answer = await getTopAuthors();
      expect(answer, "getTopAuthors() on a cold cache").to.deep.equal(await truth());
    },
  },
  {
    name: "A second call within the TTL is a cache hit: no query to Postgres",
    hint: [
      `On a miss, store the rows in Redis under "${KEY}" (JSON.stringify), and on the next call read them back with GET.`,
      "The check counts every db.query your getTopAuthors makes: the second call must make none.",
    ],
    run: async ({ getTopAuthors }) => {
      await coldCache();
      const first = await counting(getTopAuthors);
      expect(first.queries, "database queries on a cold cache").to.be.at.least(1);
      expect(await (await redis()).exists(KEY), `the key "${KEY}" in Redis after a miss`).to.equal(1);
      const before = await keyspace();
      const second = await counting(getTopAuthors);
      const after = await keyspace();
      expect(second.queries, "database queries on the second call").to.equal(0);
      expect(after.hits - before.hits, "Redis keyspace hits during the second call").to.be.at.least(1);
      expect(second.result, "the second call's answer").to.deep.equal(first.result);
    },
  },
  {
    name: "The cached copy expires: an hour later the next call asks Postgres again",
    hint: [
      "A key set without a TTL lives until someone deletes it: TTL answers -1, and the top 50 would never change again.",
      "Pass an expiry with the SET: redis.set(CACHE_KEY, json, { EX: 300 }) keeps it five minutes (anything up to an hour passes).",
    ],
    run: async ({ getTopAuthors }) => {
      await coldCache();
      await getTopAuthors();
      const ttl = await (await redis()).ttl(KEY);
      expect(ttl, `TTL ${KEY} after a miss (-1 means it never expires)`).to.be.within(1, 3600);
      advanceTime(HOUR_MS + 1_000);
      const later = await counting(getTopAuthors);
      expect(later.queries, "database queries an hour later").to.equal(1);
    },
  },
  {
    name: "A new post invalidates the cache: the next call sees it",
    hint: [
      "addPost changes the counts, but until the cached copy expires every reader gets the old ranking.",
      "After the INSERT, delete the cached copy: await redis.del(CACHE_KEY). The next getTopAuthors misses and rebuilds it.",
    ],
    run: async ({ getTopAuthors, addPost }) => {
      const before = await getTopAuthors(); // warm
      const leader = before[0];
      await addPost(leader.author, "One more post about caching");
      const after = await counting(getTopAuthors);
      const now = after.result.find((a) => a.author === leader.author);
      expect(now?.posts, `${leader.author}'s posts after addPost (was ${leader.posts})`).to.equal(leader.posts + 1);
      expect(after.queries, "database queries after the invalidation").to.equal(1);
    },
  },
  {
    name: "100 concurrent requests on a cold cache send one query to Postgres",
    hint: [
      "Each of the 100 calls finds the key missing before the first query has finished, so each runs the query: a stampede.",
      `Let one caller rebuild: const won = await redis.set("lock:${KEY}", "1", { NX: true, PX: 5000 }). The winner queries, SETs the cache and DELs the lock; the others sleep a little and GET again.`,
      "Or coalesce in this process: keep the in-flight promise in a variable and hand it to every caller until it settles.",
    ],
    run: async ({ getTopAuthors }) => {
      await coldCache();
      const expected = await truth();
      const calls = () => Promise.all(Array.from({ length: 100 }, () => getTopAuthors()));
      const { result, queries } = await counting(calls, FORWARDED);
      const note = queries > FORWARDED ? ` (the first ${FORWARDED} went to Postgres; the check answered the rest itself so the run ends in time)` : "";
      expect(queries, `database queries made by 100 concurrent getTopAuthors() calls${note}`).to.equal(1);
      for (const answer of result) expect(answer).to.deep.equal(expected);
    },
  },
]);
