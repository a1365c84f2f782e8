// Random route tables and requests restricted to what both the radix strategy and find-my-way
// support with the same meaning: static segments, whole-segment "{name}" parameters (":name")
// and a trailing "{name:path}" catch-all ("*"). Requests never hold an empty segment (find-my-way
// lets ":id" match one, Starlette does not) nor %2F, %25, %3F or %23 (find-my-way leaves those
// encoded inside a value; Starlette decodes the path first).
import { intBetween, pick, type Rng } from "../../../testing/prng.ts";

export interface RandomRoute {
  methods: string[];
  /** Starlette syntax, for our Router. */
  path: string;
  /** find-my-way syntax. */
  fmwPath: string;
  /** Our name of the catch-all, which find-my-way calls "*". */
  catchAll: string | null;
}

export interface RandomRequest {
  method: string;
  target: string;
}

export const METHODS = ["GET", "POST", "PUT", "DELETE"] as const;
// Words that share prefixes, so static edges split inside segments ("/u", "/user", "/users").
const WORDS = ["u", "user", "users", "me", "a", "ab", "static", "files", "v1", "api", "event", "events"];
const VALUES = ["42", "007", "john", "x.y", "a%20b", "%C3%A9t%C3%A9", "me", "users", "user", "v1", "a"];

export function randomTable(rng: Rng, size: number): RandomRoute[] {
  const routes: RandomRoute[] = [];
  const taken = new Set<string>();
  for (let attempt = 0; routes.length < size && attempt < size * 10; attempt++) {
    const segments = intBetween(rng, 1, 4);
    let path = "";
    let fmwPath = "";
    let catchAll: string | null = null;
    for (let s = 0; s < segments; s++) {
      const roll = rng();
      if (s === segments - 1 && roll < 0.15) {
        catchAll = "rest";
        path += "/{rest:path}";
        fmwPath += "/*";
      } else if (roll < 0.45) {
        path += `/{p${s}}`;
        fmwPath += `/:p${s}`;
      } else {
        const word = pick(rng, WORDS);
        path += `/${word}`;
        fmwPath += `/${word}`;
      }
    }
    const methods = [...new Set([pick(rng, METHODS), ...(rng() < 0.3 ? [pick(rng, METHODS)] : [])])];
    // find-my-way refuses a second route of the same shape and method; leave those out.
    const shape = fmwPath.replace(/:p\d+/g, ":");
    if (methods.some((m) => taken.has(`${m} ${shape}`))) continue;
    for (const m of methods) taken.add(`${m} ${shape}`);
    routes.push({ methods, path, fmwPath, catchAll });
  }
  return routes;
}

/** Requests built from the table's own routes (so most of them match) and from loose words. */
export function randomRequests(rng: Rng, routes: readonly RandomRoute[], count: number): RandomRequest[] {
  const requests: RandomRequest[] = [];
  for (let i = 0; i < count; i++) {
    let target = "";
    if (routes.length > 0 && rng() < 0.7) {
      const route = pick(rng, routes);
      for (const segment of route.path.split("/").slice(1)) {
        if (segment === "{rest:path}") {
          const n = intBetween(rng, 1, 3);
          for (let k = 0; k < n; k++) target += `/${rng() < 0.5 ? pick(rng, WORDS) : pick(rng, VALUES)}`;
        } else if (segment.startsWith("{")) {
          target += `/${rng() < 0.6 ? pick(rng, VALUES) : pick(rng, WORDS)}`;
        } else {
          target += `/${rng() < 0.9 ? segment : pick(rng, WORDS)}`;
        }
      }
    } else {
      const n = intBetween(rng, 1, 4);
      for (let k = 0; k < n; k++) target += `/${rng() < 0.7 ? pick(rng, WORDS) : pick(rng, VALUES)}`;
    }
    if (rng() < 0.1) target += "?q=1&r=a%20b";
    requests.push({ method: pick(rng, METHODS), target });
  }
  return requests;
}
