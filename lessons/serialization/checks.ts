import { defineChecks, expect } from "playground/checks";
import type * as Solution from "./solution";

type Message = Solution.Message;

const bytesOf = (...parts: (Uint8Array | number[])[]) => Uint8Array.from(parts.flatMap((p) => [...p]));
const utf8 = (text: string) => new TextEncoder().encode(text);

// Multi-byte text of every UTF-8 width: é is 2 bytes, 日本 3 each, 😀 4 (and two UTF-16 units).
const MIXED = "héllo 日本 😀";
const STREAM: Message[] = [
  { type: 1, text: "hello" },
  { type: 0, text: "" },
  { type: 255, text: MIXED },
  { type: 7, text: "x".repeat(300) },
];

export default defineChecks<typeof Solution>([
  {
    name: "A message is a type byte, a big-endian u16 length, then the payload",
    hint: [
      'encodeMessage({ type: 1, text: "hi" }) must be 01 00 02 68 69: the length 2 as 00 02, most significant byte first.',
      'In a struct format, ">" (or "!") is big-endian and "<" little-endian.',
    ],
    run: ({ encodeMessage }) => {
      expect([...encodeMessage({ type: 1, text: "hi" })], 'bytes of { type: 1, text: "hi" }').to.deep.equal([0x01, 0x00, 0x02, 0x68, 0x69]);
      const long = encodeMessage({ type: 0x7f, text: "a".repeat(300) });
      expect([...long.subarray(0, 3)], "header of a 300-byte payload (300 is 0x012c)").to.deep.equal([0x7f, 0x01, 0x2c]);
      expect(long.length, "size of a 300-byte message").to.equal(303);
    },
  },
  {
    name: "An empty payload is a header alone, and decodes back",
    hint: ["{ type: 2, text: \"\" } is the 3 bytes 02 00 00, and a buffer holding only those 3 bytes is one whole message."],
    run: ({ encodeMessage, decodeMessages }) => {
      expect([...encodeMessage({ type: 2, text: "" })], 'bytes of { type: 2, text: "" }').to.deep.equal([0x02, 0x00, 0x00]);
      expect(decodeMessages(Uint8Array.from([0x02, 0x00, 0x00])), "decoding 02 00 00").to.deep.equal([{ type: 2, text: "" }]);
      expect(decodeMessages(new Uint8Array(0)), "decoding no bytes at all").to.deep.equal([]);
    },
  },
  {
    name: "The length counts UTF-8 bytes, not characters",
    hint: [
      `"${MIXED}" is ${MIXED.length} UTF-16 units in JavaScript but ${utf8(MIXED).length} bytes of UTF-8.`,
      "Encode the text first (TextEncoder), then write the length of the bytes you got.",
    ],
    run: ({ encodeMessage, decodeMessages }) => {
      const bytes = encodeMessage({ type: 3, text: MIXED });
      const payload = utf8(MIXED);
      expect([...bytes.subarray(1, 3)], `length field of "${MIXED}"`).to.deep.equal([0, payload.length]);
      expect([...bytes.subarray(3)], "payload bytes").to.deep.equal([...payload]);
      expect(decodeMessages(bytes), "decoding it again").to.deep.equal([{ type: 3, text: MIXED }]);
    },
  },
  {
    name: "65,535 payload bytes fit; 65,536 are refused with a RangeError that says how long the payload was",
    hint: [
      "A u16 says at most 65,535. Check the byte length before packing: struct would refuse 65,536 too, but without saying it was the payload.",
      'throw new RangeError(`payload is ${bytes.length} bytes; a message holds at most 65535`)',
      '"é".repeat(32768) is 32,768 characters and 65,536 bytes.',
    ],
    run: ({ encodeMessage, decodeMessages }) => {
      const longest = "é".repeat(32767) + "a"; // 65,535 bytes
      const bytes = encodeMessage({ type: 9, text: longest });
      expect(bytes.length, "size of a message with a 65,535-byte payload").to.equal(65538);
      expect([...bytes.subarray(0, 3)], "its header").to.deep.equal([9, 0xff, 0xff]);
      expect(decodeMessages(bytes)[0]?.text === longest, "it decodes to the same text").to.equal(true);
      expect(() => encodeMessage({ type: 9, text: "é".repeat(32768) }), "a 65,536-byte payload").to.throw(RangeError, /65536/);
      expect(() => encodeMessage({ type: 9, text: "a".repeat(70000) }), "a 70,000-byte payload").to.throw(RangeError, /70000/);
    },
  },
  {
    name: "Several messages in one buffer decode in order",
    hint: ["After a message, the next one starts HEADER_SIZE + length bytes further on."],
    run: ({ encodeMessage, decodeMessages }) => {
      const buffer = bytesOf(...STREAM.map(encodeMessage));
      expect(decodeMessages(buffer), "decoding four messages back to back").to.deep.equal(STREAM);
    },
  },
  {
    name: "A buffer that stops inside a message is refused as truncated",
    hint: [
      "Before reading a payload, check that all of its bytes are there; subarray past the end silently gives fewer.",
      "Throw an Error whose message says the input is truncated.",
    ],
    run: ({ encodeMessage, decodeMessages }) => {
      const whole = bytesOf(encodeMessage({ type: 1, text: "hello" }), encodeMessage({ type: 3, text: MIXED }));
      for (const cut of [1, 2, 4, whole.length - 1]) {
        expect(() => decodeMessages(whole.subarray(0, cut)), `the first ${cut} of ${whole.length} bytes`).to.throw(/truncated/i);
      }
    },
  },
  {
    name: "A stream cut into chunks anywhere gives each message once it is whole",
    hint: [
      "A chunk may end inside a header, inside a payload, or inside a multi-byte character: keep the bytes of an unfinished message for the next push.",
      "push returns only the messages its chunk completed; end() throws (\"truncated\") if bytes of an unfinished message are left.",
    ],
    run: ({ encodeMessage, MessageReader }) => {
      const wire = STREAM.map(encodeMessage);
      const stream = bytesOf(...wire);
      const ends = wire.map((_, i) => wire.slice(0, i + 1).reduce((n, w) => n + w.length, 0));
      // One byte at a time: each message comes out with its last byte, not before and not later.
      const reader = new MessageReader();
      for (let i = 0; i < stream.length; i++) {
        const got = reader.push(stream.subarray(i, i + 1));
        const done = ends.indexOf(i + 1);
        expect(got, `messages completed by byte ${i + 1}`).to.deep.equal(done === -1 ? [] : STREAM.filter((_, k) => k <= done && ends[k] === i + 1));
      }
      reader.end();
      // Two chunks, cut at every point of the short messages (headers, and inside each character) and around the end.
      const cuts = [...Array.from({ length: ends[2] + 5 }, (_, i) => i), stream.length - 1, stream.length];
      for (const cut of cuts) {
        const r = new MessageReader();
        const got = [...r.push(stream.subarray(0, cut)), ...r.push(stream.subarray(cut))];
        expect(got, `the stream cut after byte ${cut}`).to.deep.equal(STREAM);
        r.end();
      }
      const unfinished = new MessageReader();
      unfinished.push(stream.subarray(0, wire[0].length + 2));
      expect(() => unfinished.end(), "end() after half a message").to.throw(/truncated/i);
    },
  },
]);
