import { describe, expect, it } from "vitest";
import { array, bulk, encodeReply, error, integer, nil, nilArray, simple } from "./reply.ts";

describe("encodeReply", () => {
  it("writes each RESP2 type", () => {
    expect(encodeReply(simple("OK"))).toBe("+OK\r\n");
    expect(encodeReply(error("ERR syntax error"))).toBe("-ERR syntax error\r\n");
    expect(encodeReply(integer(1))).toBe(":1\r\n");
    expect(encodeReply(integer(-9223372036854775808n))).toBe(":-9223372036854775808\r\n");
    expect(encodeReply(bulk("hello"))).toBe("$5\r\nhello\r\n");
    expect(encodeReply(bulk(""))).toBe("$0\r\n\r\n");
    expect(encodeReply(nil)).toBe("$-1\r\n");
    expect(encodeReply(nilArray)).toBe("*-1\r\n");
    expect(encodeReply(array([]))).toBe("*0\r\n");
  });

  it("nests arrays", () => {
    expect(encodeReply(array([bulk("a"), array([integer(1), nil]), simple("x")]))).toBe("*3\r\n$1\r\na\r\n*2\r\n:1\r\n$-1\r\n+x\r\n");
  });

  it("counts bulk lengths in bytes: latin1 chars are bytes, other text goes out as UTF-8", () => {
    expect(encodeReply(bulk("a\r\n\0\xff"))).toBe("$5\r\na\r\n\0\xff\r\n");
    expect(encodeReply(bulk("é"))).toBe("$1\r\n\xe9\r\n");
    expect(encodeReply(bulk("€"))).toBe("$3\r\n\xe2\x82\xac\r\n");
  });

  it("never lets CR or LF into a status or error line", () => {
    expect(encodeReply(error("ERR unknown command 'a\r\nb'"))).toBe("-ERR unknown command 'a  b'\r\n");
  });
});
