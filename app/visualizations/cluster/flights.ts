// What the canvas draws at one moment, as plain points: a dot for every hop travelling at the
// playhead's time (its place along its path is how far it has come: time − start over the hop's
// duration), and an ✕ where a frame was lost, lingering a while. With reduced motion there are no
// travelling dots: each recent hop is drawn as its whole path instead, fading with age.
import { markPoint, pathOf, pointAlong, type ClusterLayout, type Point } from "./layout";
import type { Mark, Segment, SegmentKind } from "./model";
import { runMsPerMs } from "../../playhead/playhead";
import { countAt } from "../../playhead/timeline";

/** About how long one hop lasts on screen when the playhead plays at 1×, in milliseconds. */
const HOP_ON_SCREEN_MS = 300;

/**
 * How long one hop lasts in run time: about HOP_ON_SCREEN_MS of playing at 1× (so a short run,
 * stretched by the playhead, gets short hops), rounded to a power of two so a growing live run
 * changes it seldom.
 */
export function hopFor(end: number): number {
  const ms = HOP_ON_SCREEN_MS * runMsPerMs(Math.max(end, 1), 1);
  return 2 ** Math.round(Math.log2(ms));
}

/** How long (in hops) an ✕ stays, and a path drawn with reduced motion. */
export const LINGER_HOPS = 8;
/** A hop starts at most three hops after its event (in → publish → delivery → out) and lasts one. */
const LAG_HOPS = 4;

export interface Dot extends Point {
  kind: SegmentKind;
}

export interface Trail {
  kind: SegmentKind;
  path: Point[];
  alpha: number;
}

export interface Cross extends Point {
  kind: Mark["kind"];
  alpha: number;
}

export interface Frame {
  dots: Dot[];
  trails: Trail[];
  crosses: Cross[];
}

/** Fully there for the first half of its time, then fading out. */
function fade(age: number, life: number): number {
  return age < life / 2 ? 1 : Math.max(0, 2 * (1 - age / life));
}

export function frameAt(segments: readonly Segment[], marks: readonly Mark[], layout: ClusterLayout, time: number, hop: number, reduced: boolean): Frame {
  const dots: Dot[] = [];
  const trails: Trail[] = [];
  const crosses: Cross[] = [];
  const life = LINGER_HOPS * hop;
  const from = countAt(segments, time - (reduced ? life : LAG_HOPS * hop));
  const to = countAt(segments, time);
  for (let i = from; i < to; i++) {
    const s = segments[i];
    if (reduced) {
      const path = pathOf(layout, s);
      if (path.length > 0) trails.push({ kind: s.kind, path, alpha: Math.max(0.3, 1 - (time - s.t) / life) });
    } else if (s.start <= time && time < s.end) {
      const at = pointAlong(pathOf(layout, s), (time - s.start) / hop);
      if (at) dots.push({ kind: s.kind, x: at.x, y: at.y });
    }
  }
  for (const m of marks) {
    // With reduced motion a loss shows from its event on; otherwise once its dot has got there.
    const since = reduced ? m.at : m.t;
    if (since > time || time - since >= life) continue;
    const at = markPoint(layout, m);
    if (at) crosses.push({ kind: m.kind, x: at.x, y: at.y, alpha: fade(time - since, life) });
  }
  return { dots, trails, crosses };
}
