import { describe, expect, it } from "vitest";
import { ErrorReply, Frames, NIL_ARRAY, OK } from "../reply.ts";
import { encodeOutcome, encodeReply, writeOutcome, writeReply } from "./encode.ts";

describe("encodeReply", () => {
  it("writes each RESP2 type", () => {
    expect(encodeReply(OK)).toBe("+OK\r\n");
    expect(encodeReply(new ErrorReply("ERR syntax error"))).toBe("-ERR syntax error\r\n");
    expect(encodeReply(1)).toBe(":1\r\n");
    expect(encodeReply(-9223372036854775808n)).toBe(":-9223372036854775808\r\n");
    expect(encodeReply("hello")).toBe("$5\r\nhello\r\n");
    expect(encodeReply("")).toBe("$0\r\n\r\n");
    expect(encodeReply(null)).toBe("$-1\r\n");
    expect(encodeReply(NIL_ARRAY)).toBe("*-1\r\n");
    expect(encodeReply([])).toBe("*0\r\n");
  });

  it("nests arrays", () => {
    expect(encodeReply(["a", [1, null], OK])).toBe("*3\r\n$1\r\na\r\n*2\r\n:1\r\n$-1\r\n+OK\r\n");
  });

  it("counts bulk lengths in bytes: byte strings as they are, other text as UTF-8", () => {
    expect(encodeReply("a\r\n\0\xff")).toBe("$5\r\na\r\n\0\xff\r\n");
    expect(encodeReply("\xc3\xa9")).toBe("$2\r\n\xc3\xa9\r\n");
    expect(encodeReply("€")).toBe("$3\r\n\xe2\x82\xac\r\n");
  });

  it("never lets CR or LF into a status or error line", () => {
    expect(encodeReply(new ErrorReply("ERR unknown command 'a\r\nb'"))).toBe("-ERR unknown command 'a  b'\r\n");
  });
});

describe("encodeOutcome", () => {
  it("writes frames one after the other", () => {
    expect(encodeOutcome(new Frames([["subscribe", "a", 1], ["subscribe", "b", 2]]))).toBe(
      "*3\r\n$9\r\nsubscribe\r\n$1\r\na\r\n:1\r\n*3\r\n$9\r\nsubscribe\r\n$1\r\nb\r\n:2\r\n",
    );
    expect(encodeOutcome(7)).toBe(":7\r\n");
  });
});

describe("writeReply", () => {
  const pieces = (write: (sink: (piece: string) => boolean) => boolean) => {
    const out: string[] = [];
    write((piece) => out.push(piece) > 0);
    return out;
  };

  it("hands a long payload on as its own piece, joined to nothing, however many replies carry it", () => {
    const value = "v".repeat(100_000);
    const out = pieces((sink) => writeOutcome(new Frames([["a", value], value]), sink));
    expect(out.join("")).toBe(`*2\r\n$1\r\na\r\n$100000\r\n${value}\r\n$100000\r\n${value}\r\n`);
    expect(out.filter((piece) => piece === value)).toHaveLength(2);
    expect(Math.max(...out.filter((piece) => piece !== value).map((piece) => piece.length))).toBeLessThan(100);
  });

  it("keeps a short reply in one piece", () => {
    expect(pieces((sink) => writeReply("hello", sink))).toEqual(["$5\r\nhello\r\n"]);
  });

  it("stops as soon as the sink says so", () => {
    const out: string[] = [];
    expect(writeReply([1, 2, 3], (piece) => out.push(piece) < 2)).toBe(false);
    expect(out).toEqual(["*3\r\n", ":1\r\n"]);
  });
});
