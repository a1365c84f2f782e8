import { describe, expect, it } from "vitest";
import { is } from "./args.ts";

describe("is: strcasecmp against an option name", () => {
  it("folds the letters A-Z only", () => {
    expect(is("GrOuP", "group")).toBe(true);
    expect(is("COUNT", "count")).toBe(true);
    expect(is("c0unt", "count")).toBe(false);
    // '@' and '[' sit one bit away from '`' and '{': no folding but A-Z.
    expect(is("@", "`")).toBe(false);
    expect(is("[", "{")).toBe(false);
  });

  it("reads the argument as a C string: a NUL ends it", () => {
    expect(is("block\0junk", "block")).toBe(true);
    expect(is("BLOCK\0", "block")).toBe(true);
    expect(is("blockx", "block")).toBe(false);
    expect(is("bloc\0k", "block")).toBe(false);
  });

  it("needs the whole name", () => {
    expect(is("blo", "block")).toBe(false);
    expect(is("", "block")).toBe(false);
  });
});
