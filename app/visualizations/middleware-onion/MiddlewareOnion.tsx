// The middleware onion: one request of the last run passing inward through every layer of the
// learner's app and its response passing back out, step by step, each step timed. Rendered from
// the trace up to the playhead: the request shown is the last one the playhead has reached, at
// the step it has reached. Choosing a request, or the previous / next step, moves the playhead.
// The summary and the table say the same in words.
import { useMemo } from "react";
import type { VisualizationProps } from "../Visualization";
import { formatMs } from "../run-timeline/steps";
import { OnionDiagram } from "./OnionDiagram";
import { requestLabel, requestsOf, requestSummary } from "./requests";
import { StepTable } from "./StepTable";
import "./middleware-onion.css";
import { RunPlaceholder } from "../RunPlaceholder";

export default function MiddlewareOnion({ store, view: traceView }: VisualizationProps) {
  const requests = useMemo(() => requestsOf(traceView.all), [traceView.all]);
  // The same requests as far as the playhead has got: the last one, and how many of its steps.
  const reached = useMemo(() => requestsOf(traceView.trace), [traceView.trace]);

  if (reached.length === 0) {
    return <RunPlaceholder store={store} view={traceView} beforeFirstRun={"Run your code to watch each request pass through the layers of your app and back out."} nothingInRun={"The last run sent no request to a FastAPI app. Send one with TestClient to see it here."} />;
  }

  const index = reached.length - 1;
  const view = requests[index];
  const last = view.steps.length - 1;
  const at = Math.min(reached[index].steps.length - 1, last);
  const step = view.steps[at];
  const go = (to: number) => traceView.showEvent(view.steps[Math.max(0, Math.min(last, to))].event);
  const stepWords = `Step ${at + 1} of ${view.steps.length}: ${step.layer}, ${step.what}${step.status ? ` (${step.status})` : ""} at ${formatMs(step.t)}`;

  return (
    <figure className="onion">
      <div className="onion__controls">
        <label className="onion__pick">
          <span>Request</span>
          <select value={index} onChange={(e) => traceView.showEvent(requests[Number(e.target.value)].steps[0].event)}>
            {requests.map((r, i) => (
              <option key={i} value={i}>
                {requestLabel(r)}
              </option>
            ))}
          </select>
        </label>
        <div className="onion__stepper" role="group" aria-label="Step through the request">
          <button type="button" className="button" aria-label="Previous step" disabled={at === 0} onClick={() => go(at - 1)}>
            ◀ Step
          </button>
          <button type="button" className="button" aria-label="Next step" disabled={at === last} onClick={() => go(at + 1)}>
            Step ▶
          </button>
        </div>
      </div>
      <OnionDiagram view={view} at={at} />
      <figcaption aria-live="polite">
        <span className="onion__summary">{requestSummary(view)}</span> <span className="onion__step">{stepWords}.</span>
      </figcaption>
      <StepTable view={view} at={at} />
    </figure>
  );
}
