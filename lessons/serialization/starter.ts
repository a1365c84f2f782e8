import { compare, explainPickle, hex, intToBytes, json, pickletools, struct } from "playground/serialization";

// A message: 1 byte of type, the payload's length in bytes as a big-endian u16, then the payload as UTF-8.
export const HEADER = "<BH";
export const HEADER_SIZE = struct.calcsize(HEADER); // 3
export const MAX_PAYLOAD = 0xffff; // the largest length a u16 can say

export interface Message {
  type: number;
  text: string;
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

// 1. (step 2) Should write the length in UTF-8 bytes, big-endian, and refuse (RangeError) a payload too long for it.
export function encodeMessage({ type, text }: Message): Uint8Array {
  return struct.pack(`${HEADER}${text.length}s`, type, text.length, utf8.encode(text));
}

// 2. (step 3) Should return every message in the buffer, and throw ("truncated") when it stops inside one.
export function decodeMessages(bytes: Uint8Array): Message[] {
  const messages: Message[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const [type, length] = struct.unpack(HEADER, bytes.subarray(offset, offset + HEADER_SIZE)) as number[];
    const payload = bytes.subarray(offset + HEADER_SIZE, offset + HEADER_SIZE + length);
    messages.push({ type, text: fromUtf8.decode(payload) });
    offset += HEADER_SIZE + length;
  }
  return messages;
}

// 3. (step 4) Should return the messages each chunk completes, keeping an unfinished one for the next chunk;
//    end() should throw when the stream stopped inside a message.
export class MessageReader {
  push(chunk: Uint8Array): Message[] {
    return decodeMessages(chunk);
  }

  end(): void {}
}

// The examples of the lesson, for the visualization. Hover over (or tab to) a byte to read its field.
const messages = [{ type: 1, text: "hello" }, { type: 2, text: "" }, { type: 3, text: "héllo 😀" }];
const wire = messages.map(encodeMessage);
wire.forEach((bytes, i) => console.log(`message ${i + 1}: ${hex(bytes)}`));
console.log("decoded:", JSON.stringify(decodeMessages(Uint8Array.from(wire.flatMap((b) => [...b])))));

console.log("4660 big-endian:", hex(intToBytes(4660, 2, "big")), "little-endian:", hex(intToBytes(4660, 2, "little")));
console.log("network order ('!I'):", hex(struct.pack("!I", 4660)));

for (const value of [2n ** 53n + 1n, NaN, "héllo", { a: 1 }]) {
  const { python, javascript, javascriptError } = json.sideBySide(value);
  console.log(`Python json.dumps: ${python}   JSON.stringify: ${javascript ?? javascriptError}`);
}

const users = Array.from({ length: 200 }, (_, i) => ({ id: i, name: `user${i}`, admin: i % 7 === 0, joined: new Date(Date.UTC(2024, 0, 1 + (i % 28))) }));
for (const row of compare(users)) {
  const lost = row.lost.length > 1 ? `${row.lost[0]}, …` : row.lost.join("");
  const said = row.error ?? (row.roundTrips ? "the same value back" : lost);
  console.log(`${row.format}: ${row.bytes ?? "no"} bytes, ${said}`);
}

const evil = utf8.encode("cos\nsystem\n(S'echo pwned'\ntR.");
console.log(pickletools.dis(evil));
console.log(explainPickle(evil).summary); // the pickle is never loaded
