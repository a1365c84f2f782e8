import { describe, expect, it } from "vitest";
import { splitArgs } from "./split-args.ts";

const split = (line: string) => {
  const bytes = Buffer.from(line, "latin1");
  return splitArgs(bytes, 0, bytes.length);
};

describe("splitArgs (sdssplitargs)", () => {
  it("splits on blanks, ignoring leading and trailing ones", () => {
    expect(split("  SET   k \t v  ")).toEqual(["SET", "k", "v"]);
    expect(split("")).toEqual([]);
    expect(split(" \t\r ")).toEqual([]);
  });

  it("reads double quotes with \\xHH and C escapes, anything else escaped is itself", () => {
    expect(split('ECHO "hello world"')).toEqual(["ECHO", "hello world"]);
    expect(split('"\\x41\\x42\\n\\t\\"q\\""')).toEqual(['AB\n\t"q"']);
    expect(split('"\\r\\b\\a\\q\\\\"')).toEqual(["\r\b\x07q\\"]);
    expect(split('"\\xZZ"')).toEqual(["xZZ"]);
    expect(split('"\\xff\\x00"')).toEqual(["\xff\x00"]);
    expect(split('""')).toEqual([""]);
  });

  it("reads single quotes with only \\' as an escape", () => {
    expect(split("'a\\'b'")).toEqual(["a'b"]);
    expect(split("'a\\nb'")).toEqual(["a\\nb"]);
    expect(split("'a \"b\"'")).toEqual(['a "b"']);
  });

  it("opens a quote in the middle of a word", () => {
    expect(split('a"b c"')).toEqual(["ab c"]);
    expect(split("x'y z' w")).toEqual(["xy z", "w"]);
  });

  it("refuses unbalanced quotes and a closing quote glued to more text", () => {
    expect(split('SET "a b')).toBeNull();
    expect(split("ECHO 'abc")).toBeNull();
    expect(split('"a"b')).toBeNull();
    expect(split("'a'b")).toBeNull();
    expect(split('"a\\"')).toBeNull();
    expect(split('"a\\')).toBeNull();
  });

  it("ends a word only at space, tab, CR or LF, though \\v and \\f are blanks between words", () => {
    expect(split("ECHO a\vb")).toEqual(["ECHO", "a\vb"]);
    expect(split("\v\fPING")).toEqual(["PING"]);
    expect(split('"a"\vb')).toEqual(["a", "b"]);
    expect(split("a\rb")).toEqual(["a", "b"]);
  });

  it("keeps bytes above 0x7f as they are", () => {
    expect(split("ECHO \xc3\xa9")).toEqual(["ECHO", "\xc3\xa9"]);
  });
});
