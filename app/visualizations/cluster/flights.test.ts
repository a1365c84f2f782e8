import { describe, expect, it } from "vitest";
import { frameAt, hopFor, LINGER_HOPS } from "./flights";
import { EACH_CLIENT_UP_TO, layoutCluster, pathOf, pointAlong } from "./layout";
import { clustersOf, readCluster } from "./model";
import { busyCluster, syntheticRun } from "./testing/synthetic";

const HOP = 10;
const all = syntheticRun();
const [first, second] = clustersOf(all);
const now = readCluster(second, all.length, HOP);

describe("the cluster picture's layout", () => {
  it("puts each worker's clients in its row, the load balancer between, the broker beside the workers, within the width", () => {
    for (const width of [360, 430, 820]) {
      const layout = layoutCluster(second, width);
      expect(layout.mode).toBe("each");
      expect(layout.pills.size).toBe(27);
      expect(layout.workers).toHaveLength(4);
      expect(layout.clientsRight).toBeLessThan(layout.lb.x);
      expect(layout.lb.x + layout.lb.w).toBeLessThan(layout.workers[0].x);
      expect(layout.workers[0].x + layout.workers[0].w).toBeLessThan(layout.broker.x);
      expect(layout.broker.x + layout.broker.w).toBeLessThanOrEqual(width);
      // Client 1 is on worker 1: its pill lies within worker 1's row, above worker 2's box.
      expect(layout.pills.get(1)!.y).toBeLessThan(layout.workers[1].y);
    }
  });

  it("draws clients as one block per worker beyond a few dozen", () => {
    const [busy] = clustersOf(busyCluster({ workers: 16, clients: EACH_CLIENT_UP_TO + 1, messages: 1 }));
    const layout = layoutCluster(busy, 430);
    expect([layout.mode, layout.blocks.size, layout.pills.size, layout.compact]).toEqual(["blocks", 16, 0, true]);
    expect(layout.anchors.size).toBe(EACH_CLIENT_UP_TO + 1);
  });

  it("finds a point along a path by the distance travelled", () => {
    const path = [
      { x: 0, y: 0 },
      { x: 10, y: 0 },
      { x: 10, y: 10 },
    ];
    expect(pointAlong(path, 0)).toEqual({ x: 0, y: 0 });
    expect(pointAlong(path, 0.25)).toEqual({ x: 5, y: 0 });
    expect(pointAlong(path, 0.75)).toEqual({ x: 10, y: 5 });
    expect(pointAlong(path, 1)).toEqual({ x: 10, y: 10 });
  });

  it("runs a frame in from the client through the load balancer to its worker, and out the same way back", () => {
    const layout = layoutCluster(second, 430);
    const segment = now.segments.find((s) => s.kind === "in")!;
    const path = pathOf(layout, segment);
    expect(path[0]).toEqual(layout.anchors.get(segment.client!));
    expect(path[1].x).toBe(layout.lb.x + layout.lb.w / 2);
    expect(path[2].x).toBe(layout.workers[segment.worker - 1].x);
    const out = now.segments.find((s) => s.kind === "out" && s.client === segment.client)!;
    expect(pathOf(layout, out)).toEqual([...path].reverse());
  });
});

describe("the cluster picture's moving frames", () => {
  const layout = layoutCluster(second, 430);
  const publish = now.segments.find((s) => s.kind === "publish" && s.msg === 3)!;

  it("places a dot along its hop by how long it has travelled, and none before it leaves or after it arrives", () => {
    const halfway = frameAt(now.segments, now.marks, layout, publish.start + HOP / 2, HOP, false);
    const path = pathOf(layout, publish);
    expect(halfway.dots.filter((d) => d.kind === "publish")).toContainEqual({ kind: "publish", ...pointAlong(path, 0.5)! });
    const before = frameAt(now.segments, now.marks, layout, publish.start - 0.001, HOP, false);
    expect(before.dots.filter((d) => d.kind === "publish")).toEqual([]);
    expect(before.dots.filter((d) => d.kind === "in")).toHaveLength(1);
    const after = frameAt(now.segments, now.marks, layout, publish.end, HOP, false);
    expect(after.dots.filter((d) => d.kind === "publish")).toEqual([]);
    expect(after.dots.filter((d) => d.kind === "delivery")).toHaveLength(4);
    expect(after.trails).toEqual([]);
  });

  it("with reduced motion, draws recent hops as whole paths instead of travelling dots", () => {
    const frame = frameAt(now.segments, now.marks, layout, publish.t, HOP, true);
    expect(frame.dots).toEqual([]);
    expect(frame.trails.map((t) => t.kind)).toContain("publish");
    expect(frame.trails.every((t) => t.alpha > 0 && t.alpha <= 1)).toBe(true);
  });

  it("marks a loss with an ✕ once the lost frame gets there, for a while", () => {
    const noOne = now.marks.find((m) => m.kind === "no-receivers")!;
    const at = (time: number, reduced = false) => frameAt(now.segments, now.marks, layout, time, HOP, reduced).crosses.filter((c) => c.kind === "no-receivers");
    expect(at(noOne.t - 0.001)).toEqual([]);
    expect(at(noOne.t)).toHaveLength(1);
    expect(at(noOne.t + LINGER_HOPS * HOP - 1)).toHaveLength(1);
    expect(at(noOne.t + LINGER_HOPS * HOP + 0.001)).toEqual([]);
    expect(at(noOne.at, true)).toHaveLength(1);
  });

  it("keeps a hop a few hundred milliseconds of playing long, whatever the run's length", () => {
    expect(hopFor(1000)).toBe(64); // a 1 s run plays over 4 s: a 75 ms hop, to a power of two
    expect(hopFor(60_000)).toBe(256);
    expect(hopFor(3)).toBeLessThan(1);
  });

  it("keeps the in-memory cluster's frames apart from the pub/sub cluster's", () => {
    const memory = readCluster(first, all.length, HOP);
    expect(memory.segments.some((s) => s.kind === "publish")).toBe(false);
  });
});
