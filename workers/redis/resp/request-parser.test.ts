import { describe, expect, it } from "vitest";
import { RequestParser, type Request } from "./request-parser.ts";

/** Feeds the chunks one after the other, parsing after each, and collects every request. */
function parse(...chunks: string[]): Request[] {
  const parser = new RequestParser();
  const out: Request[] = [];
  for (const chunk of chunks) {
    parser.append(Buffer.from(chunk, "latin1"));
    for (let r = parser.next(); r; r = parser.next()) out.push(r);
  }
  return out;
}

const cmd = (...args: string[]): Request => ({ kind: "command", args });
const protocolError = (text: string): Request => ({ kind: "error", message: `ERR Protocol error: ${text}` });

describe("RequestParser: inline", () => {
  it("reads lines ending in CRLF or LF", () => {
    expect(parse("PING\r\nECHO x\nGET k\r\n")).toEqual([cmd("PING"), cmd("ECHO", "x"), cmd("GET", "k")]);
  });

  it("skips empty and blank lines", () => {
    expect(parse("\r\n\n   \r\nPING\r\n")).toEqual([cmd("PING")]);
  });

  it("waits for the end of the line, across chunks", () => {
    expect(parse("PI", "NG")).toEqual([]);
    expect(parse("PI", "NG\r", "\n")).toEqual([cmd("PING")]);
  });

  it("never finds a line end past a NUL byte, as strchr", () => {
    expect(parse("PI\0NG\r\nPING\r\n")).toEqual([]);
  });

  it("answers unbalanced quotes with a protocol error and nothing after it", () => {
    expect(parse("ECHO 'abc\r\nPING\r\n")).toEqual([protocolError("unbalanced quotes in request")]);
  });

  it("refuses a line longer than 64 KB once more than that is buffered without a newline", () => {
    expect(parse("a".repeat(65536))).toEqual([]);
    expect(parse("a".repeat(65537))).toEqual([protocolError("too big inline request")]);
    expect(parse("a".repeat(65536), "\r\n")).toEqual([cmd("a".repeat(65536))]);
  });
});

describe("RequestParser: multibulk", () => {
  it("reads arguments by length, binary-safe", () => {
    expect(parse("*2\r\n$4\r\nECHO\r\n$5\r\na\r\n\0\xff\r\n")).toEqual([cmd("ECHO", "a\r\n\0\xff")]);
    expect(parse("*1\r\n$0\r\n\r\n")).toEqual([cmd("")]);
  });

  it("reassembles a request split anywhere", () => {
    const whole = "*2\r\n$4\r\nECHO\r\n$5\r\nhello\r\n";
    for (let i = 1; i < whole.length; i++) {
      expect(parse(whole.slice(0, i), whole.slice(i)), `split at ${i}`).toEqual([cmd("ECHO", "hello")]);
    }
    expect(parse(...whole.split(""))).toEqual([cmd("ECHO", "hello")]);
  });

  it("pipelines multibulk and inline requests", () => {
    expect(parse("PING\r\n*2\r\n$4\r\nECHO\r\n$2\r\nhi\r\nPING\r\nINCR n\r\n")).toEqual([
      cmd("PING"),
      cmd("ECHO", "hi"),
      cmd("PING"),
      cmd("INCR", "n"),
    ]);
  });

  it("treats *0 and negative counts as empty requests", () => {
    expect(parse("*0\r\nPING\r\n")).toEqual([cmd("PING")]);
    expect(parse("*-5\r\nPING\r\n")).toEqual([cmd("PING")]);
    expect(parse("*-9223372036854775808\r\nPING\r\n")).toEqual([cmd("PING")]);
  });

  it("does not check the byte after CR, nor the two bytes after a payload", () => {
    expect(parse("*1\rx$4\rxPING\r\n")).toEqual([cmd("PING")]);
    expect(parse("*1\r\n$4\r\nPINGxxPING\r\n")).toEqual([cmd("PING"), cmd("PING")]);
  });

  it("waits while a payload is shorter than its length", () => {
    expect(parse("*1\r\n$5\r\nPING\r\n")).toEqual([]);
  });

  it("refuses bad counts", () => {
    for (const count of ["abc", " 1", "1x", "-0", "", "99999999999", "2147483648", "-9223372036854775809"]) {
      expect(parse(`*${count}\r\n`), count).toEqual([protocolError("invalid multibulk length")]);
    }
    expect(parse("*2147483647\r\n")).toEqual([]);
  });

  it("refuses bad bulk lengths, including $-1 and leading zeros", () => {
    for (const length of ["-1", "04", "x", "", "536870913"]) {
      expect(parse(`*1\r\n$${length}\r\n`), length).toEqual([protocolError("invalid bulk length")]);
    }
    expect(parse("*1\r\n$536870912\r\n")).toEqual([]);
  });

  it("names the byte found where '$' was expected, CR and LF shown as a space", () => {
    expect(parse("*2\r\n$4\r\nECHO\r\n:5\r\n")).toEqual([protocolError("expected '$', got ':'")]);
    expect(parse("*1\r\n\r\n")).toEqual([protocolError("expected '$', got ' '")]);
    expect(parse("*1\r\n\n\r\n")).toEqual([protocolError("expected '$', got ' '")]);
    expect(parse("*1\r\n\xe9\r\n")).toEqual([protocolError("expected '$', got '\xe9'")]);
  });

  it("keeps the replies of earlier requests before a protocol error", () => {
    expect(parse("*2\r\n$3\r\nGET\r\n$1\r\na\r\n*abc\r\nPING\r\n")).toEqual([cmd("GET", "a"), protocolError("invalid multibulk length")]);
  });

  it("refuses count strings longer than 64 KB", () => {
    expect(parse("*" + "1".repeat(65535))).toEqual([]);
    expect(parse("*" + "1".repeat(65536))).toEqual([protocolError("too big mbulk count string")]);
    expect(parse("*1\r\n$" + "1".repeat(65535))).toEqual([]);
    expect(parse("*1\r\n$" + "1".repeat(65536))).toEqual([protocolError("too big bulk count string")]);
  });

  it("reads long pipelines of short and long arguments, whatever the chunks, while the buffer grows and is reused", () => {
    // Short arguments are cut out of a decoded window of the input, which must follow the bytes
    // as they are parsed, moved to the front of the buffer, overwritten by the next chunk.
    const requests: string[][] = [];
    for (let i = 0; i < 600; i++) {
      const long = String.fromCharCode(i % 256).repeat(13 + (i % 40)) + "\r\n\0\xff";
      requests.push(["XADD", `jobs:${i}`, "*", "job", `${i}`, "payload", i % 3 === 0 ? long : `v${i % 256}\xe9`, String.fromCharCode(i % 256)]);
    }
    const whole = requests.map((args) => `*${args.length}\r\n` + args.map((a) => `$${a.length}\r\n${a}\r\n`).join("")).join("");
    const expected = requests.map((args) => cmd(...args));
    for (const size of [1, 7, 100, 4095, 4097, 16384, 50000]) {
      const chunks: string[] = [];
      for (let i = 0; i < whole.length; i += size) chunks.push(whole.slice(i, i + size));
      expect(parse(...chunks), `chunks of ${size}`).toEqual(expected);
    }
  });

  it("reads what follows a request moved to the front of the buffer, not the bytes that were there", () => {
    // 4 KB of PINGs end in a cut request; the next chunk does not fit behind it, so the cut
    // request moves to the front, and its argument lands where the first PING's was read.
    const pings = "*1\r\n$4\r\nPING\r\n".repeat(285);
    const rest = "\n$4\r\nECHO\r\n" + "*2\r\n$4\r\nECHO\r\n$3\r\nabc\r\n".repeat(600);
    const got = parse(pings + "*1\r", rest);
    expect(got.length).toBe(285 + 1 + 600);
    expect(got[285]).toEqual(cmd("ECHO"));
    expect(got[885]).toEqual(cmd("ECHO", "abc"));
  });

  it("reads a large argument arriving in many chunks", () => {
    const value = "v".repeat(1_000_000);
    const whole = `*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$${value.length}\r\n${value}\r\n`;
    const chunks: string[] = [];
    for (let i = 0; i < whole.length; i += 65536) chunks.push(whole.slice(i, i + 65536));
    expect(parse(...chunks)).toEqual([cmd("SET", "k", value)]);
  });
});

describe("RequestParser.readLength: what Redis reads next", () => {
  it("is 16 KB, or the rest of a big argument", () => {
    const parser = new RequestParser();
    expect(parser.readLength()).toBe(16384);
    parser.append(Buffer.from("*1\r\n$100000\r\nabc"));
    expect(parser.next()).toBeNull();
    expect(parser.readLength()).toBe(100000 + 2 - 3);
  });
});
