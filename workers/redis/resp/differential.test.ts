// The same raw bytes to a real redis-server and to the bridge: the same bytes back, and the same
// close. These are the corners of the request protocol the recordings in shared/ do not reach
// (networking.c's parsing quirks, limits, binary payloads). Needs redis-server (CI installs
// it); without it this fails and says what to install.
import { afterAll, beforeAll, describe, it } from "vitest";
import { startBridge } from "./bridge.ts";
import type { RespServer } from "./server.ts";
import { startRealRedis, type RealRedis } from "../testing/real-redis.ts";
import { exchange } from "./testing/wire.ts";

const bulk = (s: string) => `$${s.length}\r\n${s}\r\n`;
const request = (...args: string[]) => `*${args.length}\r\n${args.map(bulk).join("")}`;

// Bytes as latin1 strings; an array is several writes 50 ms apart.
const INPUTS: Record<string, string | string[]> = {
  "inline, any case": "ping\r\nPiNg hello\r\n",
  "inline, \\v ends no word": "ECHO a\vb\r\n",
  "inline, quote opening mid-word": 'ECHO a"b c"\r\n',
  "inline, closing quote glued to a word": 'ECHO a"b c"d\r\n',
  "inline, single-quote escape": "ECHO 'a\\'b'\r\n",
  "inline, bad hex escapes": 'ECHO "\\xZZ" "\\x4"\r\n',
  "inline, CR inside quotes": 'ECHO "a\r"\r\n',
  "inline, CR between words": "ECHO a\rb\r\n",
  "inline, blank lines": "\r\n\n  \t\r\nPING\r\n",
  "inline, NUL hides the line end": "PI\0NG\r\nPING\r\n",
  "inline, unterminated escape": 'ECHO "a\\"\r\n',
  "inline, 81,000 bytes in one write": "ECHO " + "a".repeat(80993) + "\r\n",
  "inline, 90,000 bytes in one write": "ECHO " + "a".repeat(89993) + "\r\n",
  "multibulk, empty line for a bulk length": "*1\r\n\r\n",
  "multibulk, LF where '$' belongs": "*1\r\n\n\r\n",
  "multibulk, a high byte where '$' belongs": "*1\r\n\xe9\r\n",
  "multibulk, any byte after CR": "*1\rx$4\rxPING\r\n",
  "multibulk, any two bytes after a payload": "*1\r\n$4\r\nPINGxxPING\r\n",
  "multibulk, *-0": "*-0\r\n",
  "multibulk, LLONG_MIN count": "*-9223372036854775808\r\nPING\r\n",
  "multibulk, below LLONG_MIN": "*-9223372036854775809\r\n",
  "multibulk, count past INT_MAX": "*2147483648\r\n",
  "multibulk, INT_MAX count waits": "*2147483647\r\n",
  "multibulk, bulk length past 512 MB": "*1\r\n$536870913\r\n",
  "multibulk, bulk length -0": "*1\r\n$-0\r\n",
  "multibulk, bulk length +4": "*1\r\n$+4\r\nPING\r\n",
  "multibulk, 70,000-byte count": "*" + "1".repeat(70000),
  "multibulk, 70,000-byte bulk length": "*1\r\n$" + "1".repeat(70000),
  "binary payload echoed": request("ECHO", "\0\xff\r\n\x7f"),
  "STRLEN counts bytes": request("SET", "d:utf8", "\xc3\xa9!") + request("STRLEN", "d:utf8") + request("GET", "d:utf8"),
  "a large value": request("SET", "d:big", "v".repeat(200_000)) + request("STRLEN", "d:big"),
  "100 pipelined commands": "PING\r\n".repeat(50) + request("INCR", "d:n").repeat(50),
  "errors keep the connection": "ECHO\r\nSET k\r\nNOSUCHCOMMAND a b\r\nPING\r\n",
  "QUIT with arguments": "QUIT now please\r\nPING\r\n",
  "protocol error after replies": "PING\r\n*1\r\n$x\r\nPING\r\n",
  "split inside a bulk length": ["*1\r\n$", "4\r\nPING\r\n"],
  "split between CR and LF": ["*1\r\n$4\r\nPING\r", "\n"],
  "split inline": ["PI", "NG\r\n"],
};

let real: RealRedis;
let bridge: RespServer;
beforeAll(async () => {
  [real, bridge] = await Promise.all([startRealRedis(), startBridge()]);
});
afterAll(async () => {
  await Promise.all([real?.stop(), bridge?.close()]);
});

/** What redis-server answers (its reply never takes long), then the bridge, told what to wait for. */
async function both(send: string | string[], windowMs = 300) {
  const want = await exchange(real.port, send, { windowMs });
  const got = await exchange(bridge.port, send, { windowMs, expect: want });
  return { want, got };
}

// Each case has its own keys, so the cases run side by side.
describe.concurrent("the bridge and redis-server, byte for byte", () => {
  for (const [name, send] of Object.entries(INPUTS)) {
    it(name, async ({ expect }) => {
      const { want, got } = await both(send);
      expect(got.closed).toBe(want.closed);
      expect(got.received).toBe(want.received);
    });
  }

  it("a blocking pop times out on the real clock, and holds back what was pipelined behind it", async ({ expect }) => {
    const { want, got } = await both("BLPOP d:q 0.2\r\nPING\r\n", 700);
    expect(want.received).toBe("*-1\r\n+PONG\r\n");
    expect(got).toEqual(want);
  });

  it("a client that disconnects while blocked is not served any more", async ({ expect }) => {
    const blockThenLeave = async (port: number) => void (await exchange(port, "BLPOP d:gone 0\r\n", { windowMs: 50 }));
    await Promise.all([blockThenLeave(real.port), blockThenLeave(bridge.port)]);
    const { want, got } = await both("RPUSH d:gone a\r\nLLEN d:gone\r\n");
    expect(want.received).toBe(":1\r\n:1\r\n");
    expect(got).toEqual(want);
  });
});
