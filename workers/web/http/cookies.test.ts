import { describe, expect, it } from "vitest";
import { parseCookies } from "./cookies";

describe("parseCookies (Starlette's cookie_parser)", () => {
  it("splits on ';' and the first '=', trimming both sides", () => {
    expect(parseCookies("session=abc; theme=dark ;token=a=b")).toEqual({ session: "abc", theme: "dark", token: "a=b" });
  });

  it("gives a piece without '=' an empty name, skips empty pieces, lets a repeat win", () => {
    expect(parseCookies("lonely; ;a=1; a=2")).toEqual({ "": "lonely", a: "2" });
  });

  it("unquotes a quoted value as Python's http.cookies does, and nothing else", () => {
    expect(parseCookies('q="a\\"b\\\\c\\012d"; p=%20x; r="open')).toEqual({ q: 'a"b\\c\nd', p: "%20x", r: '"open' });
  });
});
