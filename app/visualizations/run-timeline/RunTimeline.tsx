// What happened in the last run, in order: the TypeScript compiled, the module ran, then each
// check ran against it and turned green or red. Bars are placed on a time axis (d3's scale) so
// the learner sees where the time went; the table beneath says the same in words. Both show the
// run as it stood at the playhead: a step it stands inside is cut there and still running.
import { scaleLinear } from "d3";
import type { VisualizationProps } from "../Visualization";
import { formatMs, stepsAt, stepsOf, wrapLabel, type Step } from "./steps";
import { RunPlaceholder } from "../RunPlaceholder";
import { useWidth } from "../use-width";

// Each step is its name (wrapped to as many lines as it needs, never cut) over its bar. Drawn at
// the figure's pixel width, so the 12 px text stays 12 px in a narrow pane.
const LINE = 15;
const BAR = 9;
const GAP = 9;
const INDENT = 16;
/** Wide enough for any character of the 12 px label font: wrapping by count never overflows. */
const CHAR_W = 7.2;

/** Each step's wrapped name and where its row starts, one row under the other. */
function stack(steps: Step[], perLine: number) {
  const rows: { step: Step; lines: string[]; top: number }[] = [];
  let top = 0;
  for (const step of steps) {
    const lines = wrapLabel(step.label, perLine);
    rows.push({ step, lines, top });
    top += lines.length * LINE + BAR + GAP;
  }
  return { rows, bottom: top };
}

const RESULT: Record<Step["outcome"], [check: string, other: string]> = { ok: ["passed", "ok"], fail: ["failed", "error"], running: ["running", "running"] };

export default function RunTimeline({ store, view }: VisualizationProps) {
  const [figure, width] = useWidth<HTMLElement>(420);
  const steps = view.atEnd ? stepsOf(view.trace) : stepsAt(view.trace, view.time);

  if (steps.length === 0) {
    return <RunPlaceholder store={store} view={view} beforeFirstRun={"Run your code to see each step: compile, run, then every check turning green or red."} nothingInRun={"The last run did not get as far as compiling (it was stopped)."} />;
  }

  // The whole run's axis, so the bars stay put while the playhead moves.
  const end = Math.max(view.end, ...steps.map((s) => s.start + s.durationMs), 0.001);
  const x = scaleLinear().domain([0, end]).range([INDENT, width - 24]);
  const perLine = Math.max(12, Math.floor((width - INDENT) / CHAR_W));
  const { rows, bottom } = stack(steps, perLine);
  const height = bottom + 16;
  // About one tick label per 90 px, so neighbouring labels ("10 ms", "20 ms") never touch.
  const tickCount = Math.max(2, Math.floor(width / 90));
  const passed = steps.filter((s) => s.kind === "check" && s.outcome === "ok").length;
  const checks = steps.filter((s) => s.kind === "check").length;

  return (
    <figure className="run-timeline" ref={figure}>
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="run-timeline-caption" className="run-timeline__svg">
        {rows.map(({ step: s, lines, top }, i) => {
          const barY = top + lines.length * LINE + 2;
          return (
            <g key={`${s.kind}-${s.label}-${i}`} className={`run-timeline__step run-timeline__step--${s.outcome}`}>
              <circle cx={5} cy={top + 8} r={4.5} />
              <text className="run-timeline__label">
                {lines.map((line, j) => (
                  <tspan key={j} x={INDENT} y={top + 12 + j * LINE}>
                    {line}
                  </tspan>
                ))}
              </text>
              <rect x={x(s.start)} y={barY} width={Math.max(3, x(s.start + s.durationMs) - x(s.start))} height={BAR} rx={2} />
            </g>
          );
        })}
        {!view.atEnd && <line className="run-timeline__now" x1={x(view.time)} x2={x(view.time)} y1={0} y2={bottom} />}
        {x.ticks(tickCount).map((tick) => (
          // The first tick sits at the left edge: anchored at its start so it is not cut in half.
          <text key={tick} x={x(tick)} y={height - 3} className="run-timeline__tick" textAnchor={tick === 0 ? "start" : "middle"}>
            {tick === 0 ? "0 ms" : formatMs(tick)}
          </text>
        ))}
      </svg>
      <figcaption id="run-timeline-caption">
        {view.atEnd ? (
          <>
            {checks > 0 ? `${passed} of ${checks} checks passed` : "No checks ran"} in {formatMs(end)}.
          </>
        ) : (
          <>
            At {formatMs(view.time)}: {steps.length} {steps.length === 1 ? "step" : "steps"} begun
            {checks > 0 && `, ${passed} of ${checks} checks passed so far`}.
          </>
        )}
      </figcaption>
      <details className="run-timeline__table">
        <summary>Show as a table</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">Step</th>
              <th scope="col">Result</th>
              <th scope="col">Started</th>
              <th scope="col">Took</th>
            </tr>
          </thead>
          <tbody>
            {steps.map((s, i) => (
              <tr key={i}>
                <td>{s.label}</td>
                <td>{RESULT[s.outcome][s.kind === "check" ? 0 : 1]}</td>
                <td>{formatMs(s.start)}</td>
                <td>{formatMs(s.durationMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
