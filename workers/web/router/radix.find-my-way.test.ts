// The radix strategy against the npm find-my-way on random route tables (seeded, repeatable):
// for every request both pick the same route with the same params, or both find nothing. The
// tables keep to what both support alike — see testing/random-table.ts for the restrictions.
import FindMyWay from "find-my-way";
import { describe, expect, it } from "vitest";
import { Router } from "./router.ts";
import { mulberry32 } from "../../testing/prng.ts";
import { randomRequests, randomTable } from "./testing/random-table.ts";

const SEED = 20261125;
const TABLES = 400;
const REQUESTS_PER_TABLE = 40;

describe(`radix vs find-my-way: ${TABLES} random tables × ${REQUESTS_PER_TABLE} requests (seed ${SEED})`, () => {
  it("picks the same route and params for every request", () => {
    const rng = mulberry32(SEED);
    let compared = 0;
    let matched = 0;
    for (let t = 0; t < TABLES; t++) {
      const table = randomTable(rng, 1 + Math.floor(rng() * 12));
      const ours = new Router<number>({ strategy: "radix" });
      const theirs = FindMyWay();
      table.forEach((route, i) => {
        ours.add(route.methods, route.path, i);
        for (const m of route.methods) theirs.on(m as "GET", route.fmwPath, () => i, { index: i });
      });
      for (const req of randomRequests(rng, table, REQUESTS_PER_TABLE)) {
        const found = theirs.find(req.method as "GET", req.target);
        const got = ours.match(req.method, req.target);
        const where = `table ${t} [${table.map((r) => `${r.methods.join(",")} ${r.path}`).join(" | ")}]: ${req.method} ${req.target}`;
        compared++;
        if (found === null) {
          expect(got.status, where).not.toBe(200);
          continue;
        }
        matched++;
        const index = (found.store as { index: number }).index;
        const params: Record<string, string | undefined> = { ...found.params };
        const catchAll = table[index].catchAll;
        if (catchAll !== null) {
          params[catchAll] = params["*"];
          delete params["*"];
        }
        expect(got.status === 200 ? { route: got.handler, params: got.params } : got, where).toStrictEqual({ route: index, params });
      }
    }
    expect(compared).toBe(TABLES * REQUESTS_PER_TABLE);
    // The comparison means little unless a fair share of requests does match.
    expect(matched).toBeGreaterThan(compared / 4);
  });
});
