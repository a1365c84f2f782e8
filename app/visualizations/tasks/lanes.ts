// The event loop as lanes, one per task of one asyncio.run (a "loop" of the trace): when the task
// ran, what it waited for and how long, how it ended; and the stretches when the loop's thread
// was blocked, which hold up every lane at once. Pure: the picture and its table draw from this.
import type { BlockedEvent, TaskEvent, TasksEvent } from "./read";

export type SegmentKind = "ready" | "running" | "waiting";

export interface Segment {
  kind: SegmentKind;
  from: number;
  /** Still open at the moment shown: the segment runs to the picture's right edge. */
  to: number | null;
  /** waiting: what the task awaited (a task's name, "sleep", "future", "yield"). */
  on?: string;
}

export type Ending = { how: "finished"; t: number; outcome: string } | { how: "cancelled"; t: number } | { how: "destroyed"; t: number };

export interface Lane {
  task: string;
  created: number;
  segments: Segment[];
  ending: Ending | null;
  /** How many times it started or resumed: each is one step of its coroutine. */
  steps: number;
}

export interface LoopPicture {
  loop: number;
  start: number;
  /** The last moment any of its events reached (a blocked stretch counts to its end). */
  end: number;
  lanes: Lane[];
  blocked: { from: number; to: number; task: string | null }[];
}

function close(lane: Lane, t: number): void {
  const open = lane.segments.at(-1);
  if (open && open.to === null) open.to = t;
}

function apply(lane: Lane, e: TaskEvent): void {
  switch (e.phase) {
    case "created":
      lane.segments.push({ kind: "ready", from: e.t, to: null });
      break;
    case "started":
    case "resumed":
      close(lane, e.t);
      lane.steps += 1;
      lane.segments.push({ kind: "running", from: e.t, to: null });
      break;
    case "awaited":
      close(lane, e.t);
      lane.segments.push({ kind: "waiting", from: e.t, to: null, on: e.on });
      break;
    case "finished":
      close(lane, e.t);
      lane.ending = { how: "finished", t: e.t, outcome: e.outcome ?? "" };
      break;
    case "cancelled":
    case "destroyed":
      close(lane, e.t);
      lane.ending = { how: e.phase, t: e.t };
      break;
  }
}

/** One picture per asyncio.run in the events (in the order they ran), tasks in creation order. */
export function loopPictures(events: readonly TasksEvent[]): LoopPicture[] {
  const loops = new Map<number, LoopPicture & { byName: Map<string, Lane> }>();
  const pictureOf = (loop: number | undefined, t: number) => {
    const key = loop ?? 1;
    let p = loops.get(key);
    if (!p) loops.set(key, (p = { loop: key, start: t, end: t, lanes: [], blocked: [], byName: new Map() }));
    return p;
  };
  for (const e of events) {
    if (e.kind === "workers-measured") continue;
    const p = pictureOf(e.loop, e.t);
    p.end = Math.max(p.end, e.t + (e.kind === "loop-blocked" ? e.durationMs : 0));
    if (e.kind === "loop-blocked") {
      addBlocked(p, e);
      continue;
    }
    if (e.kind !== "task") continue;
    let lane = p.byName.get(e.task);
    // A name used again after its task ended is a new task (asyncio names need not be unique).
    if (!lane || (lane.ending && e.phase === "created")) {
      lane = { task: e.task, created: e.t, segments: [], ending: null, steps: 0 };
      p.byName.set(e.task, lane);
      p.lanes.push(lane);
    }
    apply(lane, e);
  }
  return [...loops.values()].map(({ byName: _, ...p }) => p);
}

function addBlocked(p: LoopPicture, e: BlockedEvent): void {
  if (e.durationMs > 0) p.blocked.push({ from: e.t, to: e.t + e.durationMs, task: e.task });
}

/** The words a lane's ending is told in (the table and the picture's tooltips). */
export function endingText(ending: Ending | null): string {
  if (!ending) return "pending";
  if (ending.how === "finished") return ending.outcome || "finished";
  return ending.how === "cancelled" ? "cancelled" : "destroyed while pending (nothing referenced it)";
}

/** What a waiting segment waited on, as a reader would say it. */
export function waitText(on: string | undefined): string {
  if (on === undefined || on === "future") return "a future";
  if (on === "sleep") return "sleep";
  if (on === "yield") return "sleep(0): a turn of the loop";
  return `task ${on}`;
}
