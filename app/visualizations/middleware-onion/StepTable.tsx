// The text alternative: every step of the picked request in order, with its layer, direction,
// status and time; the row the playhead is on is marked as the current step.
import { formatMs } from "../run-timeline/steps";
import type { RequestView } from "./requests";

export function StepTable({ view, at }: { view: RequestView; at: number }) {
  return (
    <details className="onion__table">
      <summary>Steps of request {view.index} as a table</summary>
      <div className="onion__scroll">
        <table>
        <caption>
          {view.method} {view.path}: each step, outermost layer first on the way in and last on the way out
        </caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Layer</th>
            <th scope="col">Direction</th>
            <th scope="col">Step</th>
            <th scope="col">Status</th>
            <th scope="col">Time</th>
          </tr>
        </thead>
        <tbody>
          {view.steps.map((step, i) => (
            <tr key={i} aria-current={i === at ? "step" : undefined} className={step.error ? "onion__row--error" : undefined}>
              <td>{i + 1}</td>
              <td>{step.layer}</td>
              <td>{step.direction === "in" ? "in ↓" : "out ↑"}</td>
              <td>{step.what}</td>
              <td>{step.status ?? ""}</td>
              <td>{formatMs(step.t)}</td>
            </tr>
          ))}
        </tbody>
        </table>
      </div>
    </details>
  );
}
