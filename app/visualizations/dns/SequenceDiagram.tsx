// One walk as a sequence diagram: a lane per server (the asker on the left, then the root, the
// TLDs and the authoritative servers), each query an arrow out and its response an arrow back,
// labelled with the question, what came back and the round trip's latency. Drawn at the pane's
// pixel width; the hop table beside it is its text alternative, so the picture itself is one
// image with a summary. Clicking a hop moves the playhead to its response (the hex view shows it).
import type { TraceEvent } from "../../../workers/trace";
import { useWidth } from "../use-width";
import { bare, outcomeText, questionText, type Lane } from "./model";
import type { Hop, Walk } from "./read";

const ROW = 46;
const GUTTER = 48;
const MAX_HOPS = 40;

/** A label that fits `px` at about 6.4 px a character (10.5 px monospace). */
const fit = (text: string, px: number) => {
  const max = Math.max(4, Math.floor(px / 6.4));
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
};

/** A host name on at most three lines of `px`, broken after dots: "a." / "root-servers." / "test". */
function nameLines(name: string, px: number): string[] {
  const max = Math.max(4, Math.floor(px / 6.4));
  const lines: string[] = [];
  let line = "";
  for (const [i, label] of name.split(".").entries()) {
    const part = i < name.split(".").length - 1 ? `${label}.` : label;
    if (line && (line + part).length > max) {
      lines.push(line);
      line = "";
    }
    line += part;
  }
  lines.push(line);
  return lines.length <= 3 ? lines.map((l) => fit(l, px)) : [...lines.slice(0, 2), fit(lines.slice(2).join(""), px)].map((l) => fit(l, px));
}

export function SequenceDiagram({ walk, lanes, shown, onShow, summary }: { walk: Walk; lanes: Lane[]; shown: TraceEvent | null; onShow: (e: TraceEvent) => void; summary: string }) {
  const [ref, width] = useWidth<HTMLDivElement>(360);
  const hops = walk.hops.slice(0, MAX_HOPS);
  const start = walk.first.t;
  // Each lane in the middle of an equal column, so its name has the column's width.
  const laneWidth = (width - GUTTER) / lanes.length;
  const x = (lane: number) => GUTTER + (lane + 0.5) * laneWidth;
  const lines = lanes.map((lane) => nameLines(lane.name, laneWidth - 4));
  // The header is as tall as the longest name's lines, plus the role under it.
  const head = 30 + Math.max(...lines.map((l) => l.length)) * 13;
  const height = head + Math.max(1, hops.length) * ROW + 6;
  const laneOf = (hop: Hop) => Math.max(1, lanes.findIndex((l) => l.address === hop.query.address));

  return (
    <div ref={ref} className="dns-seq">
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`Sequence diagram: ${summary}`}>
        <defs>
          <marker id="dns-arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="8" markerHeight="8" markerUnits="userSpaceOnUse" orient="auto-start-reverse">
            <path d="M0,0 L8,4 L0,8 z" className="dns-seq__head" />
          </marker>
        </defs>
        {lanes.map((lane, i) => (
          <g key={lane.address || "asker"}>
            {lines[i].map((line, n) => (
              <text key={n} x={x(i)} y={13 + n * 13} textAnchor="middle" className="dns-seq__lane-name">
                {line}
              </text>
            ))}
            <text x={x(i)} y={14 + lines[i].length * 13} textAnchor="middle" className="dns-seq__lane-role">
              {fit(lane.role, laneWidth - 4)}
            </text>
            <line x1={x(i)} x2={x(i)} y1={head - 8} y2={height} className="dns-seq__lane" />
          </g>
        ))}
        {hops.map((hop, i) => {
          const y = head + i * ROW + 12;
          const to = laneOf(hop);
          const o = hop.outcome;
          const active = shown === hop.query || (o !== null && shown === o);
          const arrowLength = Math.abs(x(to) - x(0));
          // Labels start at the asker's lane and may run on to the right, over lanes with nothing at this row.
          const room = width - x(0) - 12;
          const back = o?.kind === "response";
          return (
            <g key={hop.query.query} className={`dns-seq__hop${active ? " dns-seq__hop--active" : ""}`} onClick={() => onShow(o ?? hop.query)}>
              <text x={4} y={y + 4} className="dns-seq__time">
                +{Math.round(hop.query.t - start)} ms
              </text>
              <text x={x(0) + 8} y={y - 4} className="dns-seq__label">
                {fit(questionText(hop.query), room)}
              </text>
              <line x1={x(0)} x2={x(to)} y1={y} y2={y} className={`dns-seq__arrow${o?.kind === "timeout" ? " dns-seq__arrow--lost" : ""}`} markerEnd="url(#dns-arrow)" />
              {back && (
                <>
                  <line x1={x(to)} x2={x(0)} y1={y + 20} y2={y + 20} className={`dns-seq__arrow dns-seq__arrow--back dns-seq__arrow--${o.answer}`} markerEnd="url(#dns-arrow)" />
                  <text x={x(0) + 8} y={y + 16} className="dns-seq__label dns-seq__label--back">
                    {fit(`${outcomeText(hop)} · ${o.rttMs} ms`, room)}
                  </text>
                </>
              )}
              {o?.kind === "timeout" && (
                <text x={x(0) + 8} y={y + 18} className="dns-seq__label dns-seq__label--lost">
                  {fit(`✕ ${outcomeText(hop)}`, room)}
                </text>
              )}
              {/* A wide transparent band, so the whole hop takes the click. */}
              <rect x={x(0)} y={y - 16} width={Math.max(arrowLength, 1)} height={40} className="dns-seq__hit" />
            </g>
          );
        })}
      </svg>
      {walk.hops.length > hops.length && <p className="dns-note">The diagram draws the first {MAX_HOPS} of {walk.hops.length} queries; the table lists them all.</p>}
      {walk.hops.length === 0 && <p className="dns-note">No query went out{walk.answer?.fromCache ? `: ${bare(walk.name)} came from the resolver's cache` : " yet"}.</p>}
    </div>
  );
}
