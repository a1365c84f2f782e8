// Replays golden/redis-pubsub.json (Redis 7.0.15 over raw RESP2 sockets, several
// connections per case) through the bridge: the engine's pub/sub as seen on the wire.
// (readGolden reads the file from $GOLDEN_DIR instead when that is set.)
import { describe, expect, it } from "vitest";
import { readGolden } from "../../testing/golden.ts";
import { startBridge } from "./bridge.ts";
import { replayPubsubCase, type PubsubCase } from "./testing/pubsub-replay.ts";

const FILE = "redis-pubsub.json";
const golden = readGolden<{ cases: PubsubCase[] }>(FILE);

describe(`${FILE} over the bridge`, () => {
  it(`replays all ${golden.cases.length} cases of ${FILE} on the wire`, async () => {
    expect(golden.cases.length).toBeGreaterThan(0);
    const failures = await Promise.all(
      golden.cases.map(async (c) => {
        // A fresh engine per case: the recorder FLUSHALLed and started without subscriptions.
        const server = await startBridge();
        try {
          return await replayPubsubCase(server.port, c);
        } finally {
          await server.close();
        }
      }),
    );
    expect(failures.flat()).toEqual([]);
  });
});
