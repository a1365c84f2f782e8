// Replays golden/resp.json (raw wire exchanges recorded from Redis 7.0.15) over real
// sockets to the bridge: every case must produce the same bytes and the same close.
// (readGolden reads the file from $GOLDEN_DIR instead when that is set.)
import { describe, expect, it } from "vitest";
import { readGolden } from "../../testing/golden.ts";
import { startBridge } from "./bridge.ts";
import { exchange } from "./testing/wire.ts";

interface RespCase {
  name: string;
  send: string | string[];
  receive: string;
  closed: boolean;
}

const FILE = "resp.json";
const golden = readGolden<{ cases: RespCase[] }>(FILE);

async function replay(c: RespCase): Promise<string | null> {
  const send = c.send;
  const writable = typeof send === "string" || (Array.isArray(send) && send.length > 0 && send.every((s) => typeof s === "string"));
  if (!writable || typeof c.receive !== "string" || typeof c.closed !== "boolean") return `${c.name}: a recording this replay cannot read`;
  // A fresh engine per case, as the recorder FLUSHALLed the server before each.
  const server = await startBridge();
  try {
    // The recording's 200 ms window; told what to expect, the exchange gives a slow machine more time.
    const got = await exchange(server.port, send, { expect: { received: c.receive, closed: c.closed } });
    if (got.received === c.receive && got.closed === c.closed) return null;
    return `${c.name}: expected ${JSON.stringify(c.receive.slice(0, 300))} closed=${c.closed}, got ${JSON.stringify(got.received.slice(0, 300))} closed=${got.closed}`;
  } finally {
    await server.close();
  }
}

describe(`${FILE} over the bridge`, () => {
  it(`replays all ${golden.cases.length} cases of ${FILE} byte for byte`, async () => {
    expect(golden.cases.length).toBeGreaterThan(0);
    const failures = (await Promise.all(golden.cases.map(replay))).filter((f) => f !== null);
    expect(failures).toEqual([]);
  });
});
