// What happened in the last run, in order: the TypeScript compiled, the module ran, then each
// check ran against it and turned green or red. Bars are placed on a time axis (d3's scale) so
// the learner sees where the time went; the table beneath says the same in words.
import { scaleLinear } from "d3";
import { useStore } from "zustand";
import type { VisualizationProps } from "../Visualization";
import { formatMs, stepsOf } from "./steps";
import { RunPlaceholder } from "../RunPlaceholder";

const ROW = 26;
const LABEL_W = 200;
const WIDTH = 520;

export default function RunTimeline({ store }: VisualizationProps) {
  const trace = useStore(store, (s) => s.trace);
  const steps = stepsOf(trace);

  if (steps.length === 0) {
    return <RunPlaceholder store={store} beforeFirstRun={"Run your code to see each step: compile, run, then every check turning green or red."} nothingInRun={"The last run did not get as far as compiling (it was stopped)."} />;
  }

  const end = Math.max(...steps.map((s) => s.start + s.durationMs), 0.001);
  const x = scaleLinear().domain([0, end]).range([LABEL_W, WIDTH - 8]);
  const height = steps.length * ROW + 24;
  const passed = steps.filter((s) => s.kind === "check" && s.outcome === "ok").length;
  const checks = steps.filter((s) => s.kind === "check").length;

  return (
    <figure className="run-timeline">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby="run-timeline-caption" className="run-timeline__svg">
        {steps.map((s, i) => {
          const y = i * ROW + 4;
          return (
            <g key={`${s.kind}-${s.label}-${i}`} className={`run-timeline__step run-timeline__step--${s.outcome}`}>
              <text x={0} y={y + 15} className="run-timeline__label">
                {s.label.length > 30 ? `${s.label.slice(0, 29)}…` : s.label}
                <title>{s.label}</title>
              </text>
              <rect x={x(s.start)} y={y + 3} width={Math.max(3, x(s.start + s.durationMs) - x(s.start))} height={ROW - 10} rx={3} />
              <circle cx={LABEL_W - 10} cy={y + 11} r={5} />
            </g>
          );
        })}
        {x.ticks(4).map((tick) => (
          <text key={tick} x={x(tick)} y={height - 4} className="run-timeline__tick" textAnchor="middle">
            {formatMs(tick)}
          </text>
        ))}
      </svg>
      <figcaption id="run-timeline-caption">
        {checks > 0 ? `${passed} of ${checks} checks passed` : "No checks ran"} in {formatMs(end)}.
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
                <td>{s.kind === "check" ? (s.outcome === "ok" ? "passed" : "failed") : s.outcome === "ok" ? "ok" : "error"}</td>
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
