// redis.get_set: GET/SET operations per second through the engine's `sendCommand` (one
// connection, each command awaited in turn, as application code does) against ioredis-mock
// doing the same work in this process: SET then GET over 1,000 keys with 16-byte values, a
// quarter of the GETs missing. Warmed up, alternating rounds; the figure is the median round.
import RedisMock from "ioredis-mock";
import { createRedis } from "../workers/redis/index.ts";
import { median, report } from "./harness.ts";

const KEYS = Array.from({ length: 1000 }, (_, i) => `user:${i}`);
const MISSING = Array.from({ length: 1000 }, (_, i) => `none:${i}`);
const VALUE = "0123456789abcdef";
const PASSES = 20; // each pass: 1,000 SETs and 1,000 GETs
const ROUNDS = 9;

interface Ops {
  set(key: string, value: string): Promise<unknown>;
  get(key: string): Promise<unknown>;
}

async function round(ops: Ops): Promise<number> {
  let hits = 0;
  const start = process.hrtime.bigint();
  for (let p = 0; p < PASSES; p++) {
    for (let i = 0; i < KEYS.length; i++) await ops.set(KEYS[i], VALUE);
    for (let i = 0; i < KEYS.length; i++) {
      const key = (i & 3) === 3 ? MISSING[i] : KEYS[i];
      if ((await ops.get(key)) === VALUE) hits++;
    }
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const expected = PASSES * (KEYS.length - KEYS.length / 4);
  if (hits !== expected) throw new Error(`expected ${expected} hits, got ${hits}`);
  return (PASSES * KEYS.length * 2) / seconds;
}

export default async function bench(): Promise<void> {
  const conn = createRedis().connect();
  const ours: Ops = {
    set: (k, v) => conn.sendCommand(["SET", k, v]),
    get: (k) => conn.sendCommand(["GET", k]),
  };
  const mock = new RedisMock();
  const peer: Ops = {
    set: (k, v) => mock.set(k, v),
    get: (k) => mock.get(k),
  };
  for (let i = 0; i < 2; i++) {
    await round(ours);
    await round(peer);
  }
  const oursRounds: number[] = [];
  const peerRounds: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    oursRounds.push(await round(ours));
    peerRounds.push(await round(peer));
  }
  mock.disconnect();
  report({
    bench: "redis.get_set",
    ours: median(oursRounds),
    unit: "ops/s",
    peer: "ioredis-mock",
    peerValue: median(peerRounds),
  });
}
