import { describe, expect, it } from "vitest";
import { percentile, summarize } from "./summary.ts";
import type { PoolTrace } from "./trace.ts";

const at = (t: number, body: Record<string, unknown>) => ({ t, source: "pool", ...body }) as PoolTrace;

describe("summarize", () => {
  it("takes nearest-rank percentiles", () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([50, 95, 99, 100].map((p) => percentile(values, p))).toEqual([50, 95, 99, 100]);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNull();
  });

  it("counts requests when callers ran, with connections opened, refused and the peak", () => {
    const events = [
      at(0, { kind: "open.step", client: 1, pid: null, step: "tcp", ms: 1, connections: 0 }),
      at(13, { kind: "open.step", client: 1, pid: 1001, step: "tls", ms: 9, connections: 2 }),
      at(30, { kind: "opened", client: 1, pid: 1001, costMs: 30, connections: 2 }),
      at(30, { kind: "acquire", pool: 1, client: 1, waitedMs: 30, fresh: true }),
      at(31, { kind: "refused", client: 2, error: { message: "sorry, too many clients already" }, connections: 2 }),
      at(40, { kind: "query.end", client: 1, pid: 1001, ms: 2, ok: true }),
      at(40, { kind: "request.end", request: 1, caller: "web", ok: true, ms: 40 }),
      at(41, { kind: "request.end", request: 2, caller: "web", ok: false, ms: 10, error: "boom" }),
    ];
    expect(summarize(events)).toEqual({
      counted: "requests",
      served: 1,
      failed: 1,
      latency: { p50: 10, p95: 40, p99: 40 },
      connectionsOpened: 1,
      connectionsRefused: 1,
      peakServerConnections: 2,
      leakedClients: [1],
    });
  });

  it("counts queries when no caller ran", () => {
    const events = [at(5, { kind: "query.end", client: 1, pid: 1, ms: 5, ok: true }), at(9, { kind: "query.end", client: 1, pid: 1, ms: 4, ok: false })];
    expect(summarize(events)).toMatchObject({ counted: "queries", served: 1, failed: 1, latency: { p50: 4, p95: 5, p99: 5 } });
  });
});
