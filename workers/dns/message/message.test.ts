// The message layer's own behaviour beyond the recordings: the field map, builders, EDNS and
// extended rcodes, names that take the escaped path sharing the compression table with plain
// ones, and the errors a caller meets when building messages.
import { describe, expect, it } from "vitest";
import {
  decodeMessage,
  encodeMessage,
  encodeWithFields,
  makeQuery,
  makeRecord,
  makeResponse,
  mergeRRsets,
  NeedAbsoluteNameOrOrigin,
  rdataFromText,
  TooBig,
  type DnsMessage,
} from "./index.ts";
import { hexOf as hex } from "./rdata/generic.ts";

const query = makeQuery("www.example.com", "MX", { id: 0x1234, edns: { payload: 4096, do: true } });

describe("encodeWithFields", () => {
  const response = makeResponse(query, {
    aa: true,
    answer: [makeRecord("www.example.com.", "MX", 300, "10 mail.example.com."), makeRecord("www.example.com.", "TXT", 60, '"a" "b"')],
  });
  const { bytes, fields } = encodeWithFields(response);

  it("puts every byte in exactly one field, in order", () => {
    let at = 0;
    for (const f of fields) {
      expect(f.start).toBe(at);
      expect(f.end).toBeGreaterThan(f.start);
      at = f.end;
    }
    expect(at).toBe(bytes.length);
  });

  it("names the header, question, record, rdata and EDNS fields by path", () => {
    const paths = fields.map((f) => f.path);
    expect(paths.slice(0, 9)).toEqual(["header.id", "header.flags", "header.qdcount", "header.ancount", "header.nscount", "header.arcount", "question[0].name", "question[0].type", "question[0].class"]);
    expect(paths).toContain("answer[0].rdata.preference");
    expect(paths).toContain("answer[1].rdata.strings[1]");
    expect(paths.slice(-7)).toEqual(["edns.name", "edns.type", "edns.payload", "edns.extended_rcode", "edns.version", "edns.flags", "edns.rdlength"]);
  });

  it("labels what the bytes say, pointers with where they point", () => {
    const by = (path: string) => fields.find((f) => f.path === path);
    expect(by("header.flags")?.label).toBe("flags 0x8500: QR AA RD QUERY NOERROR");
    expect(by("answer[0].name")).toMatchObject({ start: 33, end: 35, pointerTo: 12, label: "www.example.com. (ends in a pointer to offset 12)" });
    expect(by("answer[0].rdata.name")).toMatchObject({ pointerTo: 16, label: "mail.example.com. (ends in a pointer to offset 16)" });
    expect(by("answer[0].rdlength")?.label).toBe("rdlength 9");
    expect(by("edns.flags")?.label).toBe("EDNS flags: DO");
  });

  it("writes the same bytes as encodeMessage", () => {
    expect(hex(bytes)).toBe(hex(encodeMessage(response)));
  });
});

describe("builders and round trips", () => {
  it("makeResponse answers the query's id, question, opcode and RD, and echoes EDNS", () => {
    const response = makeResponse(query, { rcode: 3 });
    expect(response).toMatchObject({ id: 0x1234, question: query.question, flags: { qr: true, rd: true, opcode: 0, rcode: 3 }, edns: { version: 0, do: true } });
    expect(decodeMessage(encodeMessage(response)).flags.rcode).toBe(3);
  });

  it("carries an extended rcode's high bits in the OPT record, and turns EDNS on for it", () => {
    const badvers: DnsMessage = { ...makeResponse(makeQuery("example.com", "A", { id: 7 })), flags: { ...makeResponse(query).flags, rcode: 16 } };
    const decoded = decodeMessage(encodeMessage(badvers));
    expect(decoded.flags.rcode).toBe(16);
    expect(decoded.edns).not.toBeNull();
    expect(decoded.header.flags & 0xf).toBe(0);
  });

  it("compresses escaped names and plain ones against one table, whatever their case", () => {
    const msg = makeResponse(makeQuery("a\\.b.Example.COM.", "CNAME", { id: 1 }), { answer: [makeRecord("a\\.b.example.com.", "CNAME", 5, "EXAMPLE.com.")] });
    const bytes = encodeMessage(msg);
    // The owner name is one pointer to the question name; the CNAME target points into it.
    expect(hex(bytes.subarray(33, 35))).toBe("c00c");
    expect(hex(bytes.subarray(bytes.length - 2))).toBe("c010");
    expect(decodeMessage(bytes).answer[0]).toMatchObject({ name: "a\\.b.Example.COM.", rdata: "Example.COM." });
  });

  it("writes names in full when compression is off", () => {
    const msg = makeResponse(query, { answer: [makeRecord("www.example.com", "CNAME", 5, "www.example.com.")] });
    const plain = encodeMessage(msg, { compress: false });
    const whole = "03777777076578616d706c6503636f6d00";
    expect(hex(plain).split(whole)).toHaveLength(4);
    expect(hex(encodeMessage(msg)).split(whole)).toHaveLength(2);
    expect(decodeMessage(plain).answer).toEqual(decodeMessage(encodeMessage(msg)).answer);
  });

  it("merges records of one name, type and class, dropping duplicates and keeping the least TTL", () => {
    const sets = mergeRRsets([makeRecord("a.example", "A", 60, "192.0.2.1"), makeRecord("A.EXAMPLE", "A", 30, "192.0.2.1"), makeRecord("a.example", "A", 90, "192.0.2.2")]);
    expect(sets).toHaveLength(1);
    expect(sets[0]).toMatchObject({ name: "a.example.", ttl: 30, rdatas: ["192.0.2.1", "192.0.2.2"] });
  });
});

describe("errors met while building", () => {
  it("a relative name in record data cannot go on the wire", () => {
    const msg = makeResponse(query, { answer: [{ ...makeRecord("example.com", "A", 1, "192.0.2.1"), type: "NS", data: rdataFromText("NS", "ns1") }] });
    expect(() => encodeMessage(msg)).toThrow(NeedAbsoluteNameOrOrigin);
  });

  it("a message over 65535 bytes is TooBig", () => {
    const big = Array.from({ length: 300 }, (_, i) => makeRecord(`n${i}.example.com`, "TXT", 1, `"${"x".repeat(250)}"`));
    expect(() => encodeMessage(makeResponse(query, { answer: big }))).toThrow(TooBig);
  });
});
