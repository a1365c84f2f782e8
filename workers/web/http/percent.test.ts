import { describe, expect, it } from "vitest";
import { quote, unquote, unquotePlus } from "./percent.ts";

describe("unquote (Python's urllib.parse.unquote)", () => {
  it("decodes UTF-8 escapes in either case of hex", () => {
    expect(unquote("/files/%E2%82%AC")).toBe("/files/€");
    expect(unquote("a%2fb%2Fc")).toBe("a/b/c");
  });
  it("leaves a % that is not followed by two hex digits as it is", () => {
    expect(unquote("100%")).toBe("100%");
    expect(unquote("%zz%4")).toBe("%zz%4");
    expect(unquote("%%41")).toBe("%A");
  });
  it("turns bytes that are not UTF-8 into U+FFFD", () => {
    expect(unquote("%C3")).toBe("\uFFFD");
    expect(unquote("%FFa")).toBe("\uFFFDa");
  });
  it("decodes runs of ASCII on their own, as Python does around literal non-ASCII text", () => {
    expect(unquote("%C3é%A9")).toBe("\uFFFDé\uFFFD");
  });
  it("keeps + as a plus; unquotePlus makes it a space", () => {
    expect(unquote("a+b")).toBe("a+b");
    expect(unquotePlus("a+b%2B")).toBe("a b+");
  });
});

describe("quote (Python's urllib.parse.quote)", () => {
  it("escapes every UTF-8 byte outside the safe set, upper-case hex", () => {
    expect(quote("/docs/é f")).toBe("/docs/%C3%A9%20f");
    expect(quote("a~b_c.d-e")).toBe("a~b_c.d-e");
  });
  it("takes extra safe characters", () => {
    expect(quote("/a?b=1&c", "/?=&")).toBe("/a?b=1&c");
    expect(quote("/a?b", "/")).toBe("/a%3Fb");
  });
});
