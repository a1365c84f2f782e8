// One asyncio.run as lanes on its own time axis: a lane per task (ready dashed, waiting thin with
// what it awaited, each step of its coroutine a tick), the loop's blocked stretches shaded across
// every lane (nothing else can run while one task holds the thread), and how each task ended: a
// dot when it finished, a slashed ring when cancelled, a cross where the garbage collector
// destroyed it. Drawn at the pane's pixel width; `whole` keeps the axes still while the playhead moves.
import { scaleLinear } from "d3";
import { DURATION, formatDuration } from "../../format/duration";
import { useWidth } from "../use-width";
import { endingText, waitText, type Lane, type LoopPicture } from "./lanes";

const LANE = 22;
const LABEL = 118;
const TOP = 18;
const BOTTOM = 20;
export const MAX_LANES = 14;

const ms = (v: number) => formatDuration(v, DURATION.loop);

export function LoopLanes({ picture, whole, cursor, title }: { picture: LoopPicture | undefined; whole: LoopPicture; cursor: number; title: string }) {
  const [ref, width] = useWidth<HTMLDivElement>(420);
  const lanes = (picture?.lanes ?? []).slice(0, MAX_LANES);
  const shownLanes = Math.min(whole.lanes.length, MAX_LANES);
  const height = TOP + shownLanes * LANE + BOTTOM;
  // The axis counts from the loop's start, so its ticks read as the loop's own clock.
  const rel = scaleLinear()
    .domain([0, Math.max(whole.end - whole.start, 1)])
    .range([LABEL, Math.max(LABEL + 40, width - 12)]);
  const x = (t: number) => rel(t - whole.start);
  const at = (t: number | null) => x(Math.min(t ?? cursor, cursor));
  const destroyed = lanes.filter((l) => l.ending?.how === "destroyed").length;
  const blockedMs = (picture?.blocked ?? []).reduce((s, b) => s + Math.min(b.to, cursor) - b.from, 0);
  const label = `${title}: ${lanes.length} ${lanes.length === 1 ? "task" : "tasks"}${destroyed ? `, ${destroyed} destroyed while pending` : ""}${blockedMs > 0 ? `, loop blocked ${ms(blockedMs)}` : ""}`;
  return (
    <div ref={ref} className="tasks-lanes">
      <svg width={width} height={height} role="img" aria-label={label}>
        {rel.ticks(Math.max(2, Math.floor(width / 110))).map((v) => (
          <g key={v} className="tasks-lanes__tick">
            <line x1={rel(v)} x2={rel(v)} y1={TOP - 4} y2={height - BOTTOM} />
            <text x={rel(v)} y={height - 6} textAnchor="middle">
              {ms(v)}
            </text>
          </g>
        ))}
        {(picture?.blocked ?? [])
          .filter((b) => b.from <= cursor)
          .map((b, i) => (
            <g key={i} className="tasks-lanes__blocked">
              <rect x={x(b.from)} y={TOP - 4} width={Math.max(2, at(b.to) - x(b.from))} height={shownLanes * LANE + 4}>
                <title>{`The loop was blocked ${ms(b.to - b.from)}${b.task ? ` by ${b.task}` : ""}: no other task could run`}</title>
              </rect>
              <text x={x(b.from) + 3} y={TOP - 7}>
                blocked {ms(b.to - b.from)}
              </text>
            </g>
          ))}
        {lanes.map((lane, i) => (
          <LaneRow key={`${lane.task}-${lane.created}`} lane={lane} y={TOP + i * LANE + LANE / 2} at={at} x={x} cursor={cursor} />
        ))}
        <line className="tasks-lanes__cursor" x1={at(cursor)} x2={at(cursor)} y1={TOP - 6} y2={height - BOTTOM} />
      </svg>
    </div>
  );
}

function LaneRow({ lane, y, at, x, cursor }: { lane: Lane; y: number; at: (t: number | null) => number; x: (t: number) => number; cursor: number }) {
  const name = lane.task.length > 16 ? `${lane.task.slice(0, 15)}…` : lane.task;
  return (
    <g className={`tasks-lane${lane.ending?.how === "destroyed" ? " tasks-lane--destroyed" : ""}`}>
      <text className="tasks-lane__name" x={LABEL - 8} y={y} dy="0.32em" textAnchor="end">
        {name}
        <title>{`${lane.task}: ${endingText(lane.ending)}`}</title>
      </text>
      {lane.segments.map((s, i) => {
        const x1 = x(s.from);
        const x2 = at(s.to);
        if (s.kind === "running") return <rect key={i} className="tasks-lane__step" x={x1 - 1.5} y={y - 7} width={Math.max(3, x2 - x1 + 3)} height={14} />;
        return (
          <g key={i} className={`tasks-lane__${s.kind}`}>
            <line x1={x1} x2={Math.max(x1, x2)} y1={y} y2={y} />
            {s.kind === "waiting" && x2 - x1 > 56 && (
              <text x={x1 + 4} y={y - 4}>
                {waitText(s.on)}
              </text>
            )}
            <title>{s.kind === "waiting" ? `${lane.task} waited on ${waitText(s.on)}${s.to !== null ? ` for ${ms(s.to - s.from)}` : ""}` : `${lane.task} was scheduled, waiting for its first turn`}</title>
          </g>
        );
      })}
      {lane.ending && lane.ending.t <= cursor && <EndMark lane={lane} x={x(lane.ending.t)} y={y} />}
    </g>
  );
}

function EndMark({ lane, x, y }: { lane: Lane; x: number; y: number }) {
  const how = lane.ending!.how;
  if (how === "finished") return <circle className="tasks-lane__finished" cx={x} cy={y} r={4} />;
  if (how === "cancelled")
    return (
      <g className="tasks-lane__cancelled">
        <circle cx={x} cy={y} r={5} />
        <line x1={x - 3.5} y1={y + 3.5} x2={x + 3.5} y2={y - 3.5} />
      </g>
    );
  return (
    <g className="tasks-lane__cross">
      <line x1={x - 5} y1={y - 5} x2={x + 5} y2={y + 5} />
      <line x1={x - 5} y1={y + 5} x2={x + 5} y2={y - 5} />
    </g>
  );
}
