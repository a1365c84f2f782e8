// Reads RESP2 replies off the wire for tests, converted as the golden recordings convert them
// (golden/redis-pubsub.json): simple and bulk strings -> string (latin1), integer ->
// number, nil -> null, array -> array, error -> { error: text without '-' }.

export type WireValue = string | number | null | { error: string } | WireValue[];

class Incomplete extends Error {}

export class ReplyReader {
  private buffer = "";
  private readonly frames: WireValue[] = [];

  /** Adds received bytes; complete frames become available to take(). */
  push(chunk: Buffer): void {
    this.buffer += chunk.toString("latin1");
    for (;;) {
      try {
        const [value, end] = readValue(this.buffer, 0);
        this.frames.push(value);
        this.buffer = this.buffer.slice(end);
      } catch (e) {
        if (e instanceof Incomplete) return;
        throw e;
      }
    }
  }

  get count(): number {
    return this.frames.length;
  }

  /** The frames read so far, removed from the reader. */
  take(): WireValue[] {
    return this.frames.splice(0);
  }
}

function readLine(s: string, at: number): [string, number] {
  const end = s.indexOf("\r\n", at);
  if (end < 0) throw new Incomplete();
  return [s.slice(at, end), end + 2];
}

function readValue(s: string, at: number): [WireValue, number] {
  if (at >= s.length) throw new Incomplete();
  const [line, next] = readLine(s, at + 1);
  switch (s[at]) {
    case "+":
      return [line, next];
    case "-":
      return [{ error: line }, next];
    case ":":
      return [Number(line), next];
    case "$": {
      const length = Number(line);
      if (length < 0) return [null, next];
      if (s.length < next + length + 2) throw new Incomplete();
      return [s.slice(next, next + length), next + length + 2];
    }
    case "*": {
      const count = Number(line);
      if (count < 0) return [null, next];
      const items: WireValue[] = [];
      let pos = next;
      for (let i = 0; i < count; i++) {
        const [item, end] = readValue(s, pos);
        items.push(item);
        pos = end;
      }
      return [items, pos];
    }
    default:
      throw new Error(`not a RESP2 reply: ${JSON.stringify(s.slice(at, at + 40))}`);
  }
}

/** A command as a RESP2 multibulk request (args as latin1 strings). */
export function multibulk(args: string[]): Buffer {
  let out = `*${args.length}\r\n`;
  for (const arg of args) out += `$${arg.length}\r\n${arg}\r\n`;
  return Buffer.from(out, "latin1");
}
