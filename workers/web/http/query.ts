// Query strings as Starlette reads them (urllib.parse.parse_qsl with keep_blank_values): pairs
// split on "&" only, empty pieces skipped, "a" alone meaning a = "", "+" a space, %XX decoded
// leniently. Reading one value gives the LAST one, as Starlette's QueryParams does (unlike
// headers, where the first wins); getAll gives them all in order.
import { unquotePlus } from "./percent.ts";

export class QueryParams implements Iterable<[string, string]> {
  /** The decoded pairs in order, repeats kept. */
  readonly pairs: [string, string][];

  constructor(pairs: [string, string][] = []) {
    this.pairs = pairs;
  }

  get(name: string): string | null {
    for (let i = this.pairs.length - 1; i >= 0; i--) if (this.pairs[i][0] === name) return this.pairs[i][1];
    return null;
  }

  getAll(name: string): string[] {
    return this.pairs.filter(([k]) => k === name).map(([, v]) => v);
  }

  has(name: string): boolean {
    return this.pairs.some(([k]) => k === name);
  }

  keys(): string[] {
    return [...new Set(this.pairs.map(([k]) => k))];
  }

  get size(): number {
    return this.pairs.length;
  }

  [Symbol.iterator](): Iterator<[string, string]> {
    return this.pairs[Symbol.iterator]();
  }
}

/** `queryString` without its "?". */
export function parseQuery(queryString: string): QueryParams {
  const pairs: [string, string][] = [];
  for (const piece of queryString.split("&")) {
    if (piece === "") continue;
    const eq = piece.indexOf("=");
    const name = eq === -1 ? piece : piece.slice(0, eq);
    const value = eq === -1 ? "" : piece.slice(eq + 1);
    pairs.push([unquotePlus(name), unquotePlus(value)]);
  }
  return new QueryParams(pairs);
}
