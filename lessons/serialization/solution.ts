import { compare, explainPickle, hex, intToBytes, json, pickletools, struct } from "playground/serialization";

// A message: 1 byte of type, the payload's length in bytes as a big-endian u16, then the payload as UTF-8.
export const HEADER = ">BH";
export const HEADER_SIZE = struct.calcsize(HEADER); // 3
export const MAX_PAYLOAD = 0xffff; // the largest length a u16 can say

export interface Message {
  type: number;
  text: string;
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder("utf-8", { fatal: true });

// 1. The length counts UTF-8 bytes, is written big-endian, and is refused before it could wrap.
export function encodeMessage({ type, text }: Message): Uint8Array {
  const payload = utf8.encode(text);
  if (payload.length > MAX_PAYLOAD) {
    throw new RangeError(`payload is ${payload.length} bytes; a message holds at most ${MAX_PAYLOAD}`);
  }
  return struct.pack(`${HEADER}${payload.length}s`, type, payload.length, payload);
}

/** The message that starts at `offset` and where the next one starts, or null if it has not all arrived. */
function readMessage(bytes: Uint8Array, offset: number): { message: Message; next: number } | null {
  if (bytes.length - offset < HEADER_SIZE) return null;
  const [type, length] = struct.unpack(HEADER, bytes.subarray(offset, offset + HEADER_SIZE)) as number[];
  const end = offset + HEADER_SIZE + length;
  if (end > bytes.length) return null;
  return { message: { type, text: fromUtf8.decode(bytes.subarray(offset + HEADER_SIZE, end)) }, next: end };
}

// 3. A stream: bytes of an unfinished message wait for the next chunk.
export class MessageReader {
  private pending = new Uint8Array(0);

  push(chunk: Uint8Array): Message[] {
    const bytes = new Uint8Array(this.pending.length + chunk.length);
    bytes.set(this.pending);
    bytes.set(chunk, this.pending.length);
    const messages: Message[] = [];
    let offset = 0;
    for (let read = readMessage(bytes, offset); read; read = readMessage(bytes, offset)) {
      messages.push(read.message);
      offset = read.next;
    }
    this.pending = bytes.slice(offset);
    return messages;
  }

  end(): void {
    if (this.pending.length > 0) {
      throw new Error(`truncated: the input ends ${this.pending.length} bytes into a message`);
    }
  }
}

// 2. Every message of a whole buffer, back to back; a buffer that stops inside one is refused.
export function decodeMessages(bytes: Uint8Array): Message[] {
  const reader = new MessageReader();
  const messages = reader.push(bytes);
  reader.end();
  return messages;
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
