// Where everything sits in the cluster picture, in CSS pixels at the pane's width: a column of
// clients (each one, or one block per worker when there are many), the load balancer as a bar
// every connection crosses, the workers, and the broker as a column beside them. Each worker's
// clients sit in its row, so a frame's path runs mostly straight across. The whole cluster's
// clients and workers place it, so nothing moves as the run plays.
import type { ClusterInfo, Mark, Segment } from "./model";

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Point {
  x: number;
  y: number;
}

/** Clients drawn one by one up to this many; beyond, one block per worker. */
export const EACH_CLIENT_UP_TO = 40;

const TOP = 20;
const ROW = 15;
const GAP = 8;
const PAD = 4;
export const PILL = { w: 26, h: 12 };

export interface ClusterLayout {
  width: number;
  height: number;
  mode: "each" | "blocks";
  /** Each client's pill (mode "each"). */
  pills: Map<number, Box>;
  /** Each worker's block of clients (mode "blocks"). */
  blocks: Map<number, Box>;
  /** Where each client's wire leaves the clients' column. */
  anchors: Map<number, Point>;
  clientsRight: number;
  lb: Box;
  workers: Box[];
  /** The worker boxes are compact (many workers): two lines instead of three. */
  compact: boolean;
  broker: Box;
}

export function layoutCluster(info: ClusterInfo, width: number): ClusterLayout {
  const mode = info.clients.length <= EACH_CLIENT_UP_TO ? "each" : "blocks";
  const compact = info.workers > 8;
  const boxH = compact ? 32 : 48;
  const byWorker = new Map<number, number[]>();
  for (let w = 1; w <= info.workers; w++) byWorker.set(w, []);
  for (const { client, worker } of info.clients) (byWorker.get(worker) ?? byWorker.set(worker, []).get(worker)!).push(client);

  const clientsW = mode === "each" ? 66 : 92;
  const clientsRight = PAD + clientsW;
  const lbX = clientsRight + Math.max(12, Math.round(width * 0.04));
  const lbW = 16;
  const workerX = lbX + lbW + Math.max(20, Math.round(width * 0.07));
  const brokerW = Math.round(Math.min(110, Math.max(80, width * 0.2)));
  const brokerX = width - PAD - brokerW;
  const workerW = Math.max(92, Math.min(190, brokerX - 28 - workerX));

  const pills = new Map<number, Box>();
  const blocks = new Map<number, Box>();
  const anchors = new Map<number, Point>();
  const workers: Box[] = [];
  let y = TOP;
  for (let w = 1; w <= info.workers; w++) {
    const clients = byWorker.get(w) ?? [];
    const rowH = Math.max(boxH, mode === "each" ? clients.length * ROW : 44);
    workers.push({ x: workerX, y: y + (rowH - boxH) / 2, w: workerW, h: boxH });
    if (mode === "each") {
      const first = y + (rowH - clients.length * ROW) / 2;
      clients.forEach((c, i) => {
        const pill = { x: PAD, y: first + i * ROW + (ROW - PILL.h) / 2, w: PILL.w, h: PILL.h };
        pills.set(c, pill);
        anchors.set(c, { x: clientsRight, y: pill.y + PILL.h / 2 });
      });
    } else {
      const block = { x: PAD, y, w: clientsW, h: rowH };
      blocks.set(w, block);
      clients.forEach((c, i) => anchors.set(c, { x: clientsRight, y: block.y + 4 + ((i + 0.5) / clients.length) * (block.h - 8) }));
    }
    y += rowH + GAP;
  }
  const bottom = Math.max(y - GAP, TOP + boxH);
  return {
    width,
    height: bottom + PAD,
    mode,
    pills,
    blocks,
    anchors,
    clientsRight,
    lb: { x: lbX, y: TOP, w: lbW, h: bottom - TOP },
    workers,
    compact,
    broker: { x: brokerX, y: TOP, w: brokerW, h: bottom - TOP },
  };
}

/** Where a client's frames enter worker `w`: level with the client when the box reaches that far. */
function workerSide(box: Box, y: number, side: "left" | "right"): Point {
  return { x: side === "left" ? box.x : box.x + box.w, y: Math.min(box.y + box.h - 6, Math.max(box.y + 6, y)) };
}

const BUS_OFFSET = 6;

/** The wire from a client through the load balancer to its worker. */
export function wireOf(layout: ClusterLayout, client: number, worker: number): Point[] {
  const from = layout.anchors.get(client);
  const box = layout.workers[worker - 1];
  if (!from || !box) return [];
  return [from, { x: layout.lb.x + layout.lb.w / 2, y: from.y }, workerSide(box, from.y, "left")];
}

/** With many clients, one wire per block: from the middle of `block`'s row to `worker`. */
export function blockWireOf(layout: ClusterLayout, block: number, worker: number): Point[] {
  const b = layout.blocks.get(block);
  const box = layout.workers[worker - 1];
  if (!b || !box) return [];
  const y = b.y + b.h / 2;
  return [{ x: layout.clientsRight, y }, { x: layout.lb.x + layout.lb.w / 2, y }, workerSide(box, y, "left")];
}

/** A worker's line to the broker: publishes above its middle, deliveries below. */
function busOf(layout: ClusterLayout, worker: number, kind: "publish" | "delivery"): Point[] {
  const box = layout.workers[worker - 1];
  if (!box) return [];
  const y = box.y + box.h / 2 + (kind === "publish" ? -BUS_OFFSET : BUS_OFFSET);
  const at = [
    { x: box.x + box.w, y },
    { x: layout.broker.x, y },
  ];
  return kind === "publish" ? at : at.reverse();
}

/** The polyline a segment's dot travels along. */
export function pathOf(layout: ClusterLayout, s: Segment): Point[] {
  switch (s.kind) {
    case "in":
      return s.client === null ? [] : wireOf(layout, s.client, s.worker);
    case "out":
      return s.client === null ? [] : wireOf(layout, s.client, s.worker).reverse();
    case "publish":
    case "delivery":
      return busOf(layout, s.worker, s.kind);
  }
}

/** Where an ✕ goes. */
export function markPoint(layout: ClusterLayout, m: Mark): Point | null {
  const box = layout.workers[m.worker - 1];
  switch (m.kind) {
    case "undelivered": {
      // Where the frame would have reached the client, clear of its number and tag.
      const at = m.client === null ? undefined : layout.anchors.get(m.client);
      return at ? { x: at.x - 6, y: at.y } : null;
    }
    case "no-receivers": {
      const end = busOf(layout, m.worker, "publish")[1];
      return end ? { x: end.x - 7, y: end.y } : null;
    }
    case "down":
      // Frames the worker held die with it: at its side toward its clients (its box is crossed out too).
      return box ? { x: box.x - 8, y: box.y + box.h / 2 } : null;
    case "never-left":
      return box ? { x: box.x + box.w + 8, y: box.y + box.h / 2 } : null;
  }
}

/** The point a fraction `f` (0–1) of the way along `path`. */
export function pointAlong(path: readonly Point[], f: number): Point | null {
  if (path.length === 0) return null;
  if (path.length === 1 || f <= 0) return path[0];
  let total = 0;
  for (let i = 1; i < path.length; i++) total += Math.hypot(path[i].x - path[i - 1].x, path[i].y - path[i - 1].y);
  let left = Math.min(1, f) * total;
  for (let i = 1; i < path.length; i++) {
    const a = path[i - 1];
    const b = path[i];
    const len = Math.hypot(b.x - a.x, b.y - a.y);
    if (left <= len && len > 0) return { x: a.x + ((b.x - a.x) * left) / len, y: a.y + ((b.y - a.y) * left) / len };
    left -= len;
  }
  return path[path.length - 1];
}
