// One request drawn through the onion: each layer a band nested in the one outside it (the
// outermost at the top edge), the request going down the left column into each layer and the
// response climbing the right column out of it, up to the step the playhead is on. The turn
// happens in the layer that answered: the endpoint's router, or a middleware that short-circuited.
import { line } from "d3";
import { formatMs } from "../run-timeline/steps";
import type { RequestView, Step } from "./requests";

const W = 440;
const TOP = 24;
const ROW = 27;
const INSET = 9;
const IN_X = 240;
const OUT_X = 318;
const MID_X = (IN_X + OUT_X) / 2;
const EDGE_Y = 6;
const NAME_CHARS = 22;

type Point = [number, number];

const edge = (depth: number) => TOP + depth * ROW;

export interface Geometry {
  height: number;
  turnY: number;
  points: Point[];
}

export function geometryOf(view: RequestView): Geometry {
  const reached = view.layers.filter((l) => l.reached).length;
  const height = TOP + view.layers.length * ROW + 18;
  const turnY = edge(Math.max(0, reached - 1)) + ROW * 0.62;
  return { height, turnY, points: view.steps.map((s) => pointOf(s, turnY)) };
}

function pointOf(step: Step, turnY: number): Point {
  const d = step.depth ?? 0;
  switch (step.kind) {
    case "arrive":
      return [IN_X, EDGE_Y];
    case "enter":
      return [IN_X, edge(d)];
    case "call":
    case "route":
      return [IN_X, edge(d) + ROW / 2];
    case "endpoint":
      return [MID_X, turnY];
    case "raise":
    case "handled":
    case "return":
      return [OUT_X, edge(d) + ROW / 2];
    case "response":
      return [OUT_X, edge(d)];
    case "sent":
    case "unhandled":
      return [OUT_X, EDGE_Y];
  }
}

const path = line();

/** From one point to the next; crossing between the columns happens only at the turn. */
function segment(from: Point, to: Point, turnY: number): string {
  const points: Point[] = from[0] === to[0] ? [from, to] : [from, [from[0], turnY], [to[0], turnY], to];
  return path(points) ?? "";
}

/** For each step, whether the way to it is an error travelling outward, not yet made a response. */
function errorInFlight(steps: Step[]): boolean[] {
  let flying = false;
  return steps.map((step) => {
    const failing = flying || step.error !== undefined;
    if (step.kind === "handled" || step.kind === "response") flying = false;
    else if (step.error !== undefined) flying = true;
    return failing;
  });
}

function shorten(name: string): string {
  return name.length > NAME_CHARS ? `${name.slice(0, NAME_CHARS - 1)}…` : name;
}

const BUILT_IN = new Set(["server-error", "exception", "router"]);

export function OnionDiagram({ view, at }: { view: RequestView; at: number }) {
  const { height, turnY, points } = geometryOf(view);
  const n = view.layers.length;
  const current = points[at];
  // The answering layer is marked once the playhead has reached its answer.
  const answeredAt = view.steps.findIndex((s) => s.kind === "response" && s.depth === view.answeredBy?.depth);
  const answered = answeredAt >= 0 && at >= answeredAt ? view.answeredBy?.depth : undefined;
  const sentAt = view.steps.findIndex((s) => s.kind === "sent");
  const failing = errorInFlight(view.steps);
  const turn = view.answeredBy?.kind === "router" ? "endpoint" : view.shortCircuit ? "answers" : view.steps.some((s) => s.kind === "raise") ? "raises" : "";

  return (
    <svg viewBox={`0 0 ${W} ${height}`} className="onion__svg" aria-hidden="true">
      {view.layers.map((layer) => {
        const x = layer.depth * INSET + 1;
        const y = edge(layer.depth);
        const classes = [
          "onion__band",
          layer.depth % 2 ? "onion__band--odd" : "",
          layer.reached ? "" : "onion__band--unreached",
          layer.depth === answered ? "onion__band--answered" : "",
          current && view.steps[at].depth === layer.depth ? "onion__band--current" : "",
        ];
        return (
          <g key={layer.depth} className={classes.filter(Boolean).join(" ")}>
            <rect x={x} y={y} width={W - 2 * x} height={height - y - layer.depth * 3 - 1} rx={6} />
            <text x={x + 8} y={y + 18} className={BUILT_IN.has(layer.kind) ? "onion__name onion__name--builtin" : "onion__name"}>
              {shorten(layer.name)}
              {layer.name.length > NAME_CHARS && <title>{layer.name}</title>}
            </text>
            {!layer.reached && layer.depth === view.layers.findIndex((l) => !l.reached) && (
              <text x={MID_X} y={y + 18} className="onion__note" textAnchor="middle">
                not reached
              </text>
            )}
          </g>
        );
      })}
      <text x={IN_X - 8} y={EDGE_Y + 10} className="onion__head" textAnchor="end">
        request ↓
      </text>
      <text x={OUT_X + 12} y={EDGE_Y + 10} className="onion__head">
        ↑ response
      </text>
      {turn && at >= view.steps.findIndex((s) => s.direction === "out") && (
        <text x={MID_X} y={turnY - 6} className={`onion__turn onion__turn--${turn}`} textAnchor="middle">
          {turn}
        </text>
      )}
      {points.map((p, i) => {
        // After the client has its response, what is left (a re-raised error) is told in words only.
        if (i === 0 || i > at || (sentAt >= 0 && i > sentAt)) return null;
        return <path key={`s${i}`} d={segment(points[i - 1], p, turnY)} className={failing[i] ? "onion__path onion__path--error" : "onion__path"} />;
      })}
      {view.steps.map((step, i) => {
        if (i > at || !(step.kind === "enter" || step.kind === "response")) return null;
        const [x, y] = points[i];
        const label = step.kind === "enter" ? formatMs(step.t) : `${step.status} · ${formatMs(step.t)}`;
        return (
          <g key={`m${i}`} className={`onion__mark onion__mark--${step.kind}`}>
            <circle cx={x} cy={y} r={3.5} />
            <text x={step.kind === "enter" ? x - 7 : x + 7} y={y + 12} textAnchor={step.kind === "enter" ? "end" : "start"}>
              {label}
            </text>
          </g>
        );
      })}
      {current && (
        <circle
          className={view.steps[at].error ? "onion__now onion__now--error" : "onion__now"}
          r={6}
          cx={0}
          cy={0}
          style={{ transform: `translate(${current[0]}px, ${current[1]}px)` }}
        />
      )}
      {n === 0 && (
        <text x={W / 2} y={TOP + 20} textAnchor="middle" className="onion__note">
          no layers
        </text>
      )}
    </svg>
  );
}
