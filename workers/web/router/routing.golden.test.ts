// Replays every recorded case of golden/routing.json (FastAPI 0.142.2 / Starlette 1.7.0)
// on the linear strategy, which must agree with each one. The file documents its own schema.
// (readGolden reads it from $GOLDEN_DIR instead when that is set.)
import { describe, expect, it } from "vitest";
import { readGolden } from "../../testing/golden.ts";
import { Router } from "./router.ts";
import type { MatchResult } from "./types.ts";

interface GoldenRequest {
  method: string;
  path: string;
  expect:
    | { status: 200; route: number; params: Record<string, string | number> }
    | { status: 404 }
    | { status: 405; allow: string[] }
    | { status: 307; location: string };
}
interface GoldenCase {
  name: string;
  routes: { methods: string[]; path: string }[];
  requests: GoldenRequest[];
}

const FILE = "routing.json";

function load(): { cases: GoldenCase[] } | Error {
  try {
    return readGolden<{ cases: GoldenCase[] }>(FILE);
  } catch (e) {
    return e as Error;
  }
}

/** What the recording says, in the recording's own shape, so a mismatch reads as a diff. */
function observed(result: MatchResult<number>): GoldenRequest["expect"] {
  switch (result.status) {
    case 200:
      return { status: 200, route: result.handler, params: result.params };
    case 405:
      return { status: 405, allow: result.allow };
    case 307:
      return { status: 307, location: result.location };
    case 404:
      return { status: 404 };
  }
}

function replay(c: GoldenCase): number {
  const router = new Router<number>({ strategy: "linear" });
  c.routes.forEach((r, i) => router.add(r.methods, r.path, i));
  let replayed = 0;
  for (const req of c.requests) {
    const known = [200, 404, 405, 307];
    if (!known.includes(req.expect.status)) throw new Error(`${c.name}: cannot replay an expected status ${req.expect.status}`);
    const got = observed(router.match(req.method, req.path));
    const where = `${c.name}: ${req.method} ${req.path}`;
    expect(got, where).toStrictEqual(req.expect);
    // Starlette hands the params over in template order.
    if (got.status === 200 && req.expect.status === 200) expect(Object.keys(got.params), where).toEqual(Object.keys(req.expect.params));
    replayed++;
  }
  return replayed;
}

const golden = load();
if (golden instanceof Error) {
  it(`replays ${FILE}`, () => {
    throw golden;
  });
} else {
  const cases = golden.cases;
  const total = cases.reduce((n, c) => n + c.requests.length, 0);
  describe(`${FILE}: ${cases.length} tables, ${total} requests replayed on the linear router`, () => {
    it("holds cases to replay", () => {
      expect(cases.length).toBeGreaterThan(0);
      expect(total).toBeGreaterThan(0);
    });
    for (const c of cases) {
      it(`${c.name} (${c.routes.length} routes, ${c.requests.length} requests)`, () => {
        expect(replay(c)).toBe(c.requests.length);
      });
    }
  });
}
