import { describe, expect, it } from "vitest";
import { HttpHeaders } from "./headers.ts";
import { parseQuery } from "./query.ts";

describe("HttpHeaders", () => {
  it("looks names up without regard to case, first value first, keeping order and repeats", () => {
    const h = new HttpHeaders([
      ["Set-Cookie", "a=1"],
      ["Content-Type", "text/plain"],
      ["set-cookie", "b=2"],
    ]);
    expect(h.get("SET-COOKIE")).toBe("a=1");
    expect(h.getAll("set-cookie")).toEqual(["a=1", "b=2"]);
    expect(h.has("content-type")).toBe(true);
    expect(h.get("missing")).toBeNull();
    h.set("SET-COOKIE", "c=3");
    expect(h.raw).toEqual([
      ["Set-Cookie", "c=3"],
      ["Content-Type", "text/plain"],
    ]);
    h.append("X-A", "1");
    h.delete("content-type");
    expect([...h]).toEqual([
      ["Set-Cookie", "c=3"],
      ["X-A", "1"],
    ]);
    expect(h.size).toBe(2);
  });

  it("copies rather than shares what it is built from", () => {
    const a = new HttpHeaders({ "X-A": "1" });
    const b = new HttpHeaders(a);
    b.set("x-a", "2");
    expect(a.get("x-a")).toBe("1");
  });
});

describe("parseQuery (Starlette's QueryParams)", () => {
  it("splits on & only, keeps blanks, skips empty pieces, decodes + and %XX", () => {
    const q = parseQuery("a=1&&b&c=&a=2;x=3&d=a+b%2Bc&%E2%82%AC=euro");
    expect(q.pairs).toEqual([
      ["a", "1"],
      ["b", ""],
      ["c", ""],
      ["a", "2;x=3"],
      ["d", "a b+c"],
      ["€", "euro"],
    ]);
    expect(q.get("a")).toBe("2;x=3");
    expect(q.getAll("a")).toEqual(["1", "2;x=3"]);
    expect(q.keys()).toEqual(["a", "b", "c", "d", "€"]);
    expect(q.get("zz")).toBeNull();
  });

  it("splits a pair on its first = only", () => {
    expect(parseQuery("eq=a=b").get("eq")).toBe("a=b");
  });
});
