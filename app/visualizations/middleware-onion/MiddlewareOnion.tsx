// The middleware onion: pick one request of the last run and watch it pass inward through every
// layer of the learner's app and its response pass back out, step by step, each step timed.
// Rendered from the run's trace alone; the summary and the table say the same in words.
import { useMemo, useState } from "react";
import { useStore } from "zustand";
import type { TraceEvent } from "../../../workers/trace";
import type { VisualizationProps } from "../Visualization";
import { formatMs } from "../run-timeline/steps";
import { OnionDiagram } from "./OnionDiagram";
import { requestLabel, requestsOf, requestSummary } from "./requests";
import { StepTable } from "./StepTable";
import "./middleware-onion.css";
import { RunPlaceholder } from "../RunPlaceholder";

/** Where the learner stepped to, valid only for the trace and request it was chosen on. */
interface Playhead {
  trace: readonly TraceEvent[];
  request: number;
  at: number;
}

export default function MiddlewareOnion({ store }: VisualizationProps) {
  const trace = useStore(store, (s) => s.trace);
  const requests = useMemo(() => requestsOf(trace), [trace]);
  const [picked, setPicked] = useState(0);
  const [playhead, setPlayhead] = useState<Playhead | null>(null);

  if (requests.length === 0) {
    return <RunPlaceholder store={store} beforeFirstRun={"Run your code to watch each request pass through the layers of your app and back out."} nothingInRun={"The last run sent no request to a FastAPI app. Send one with TestClient to see it here."} />;
  }

  const index = Math.min(picked, requests.length - 1);
  const view = requests[index];
  const last = view.steps.length - 1;
  const at = playhead && playhead.trace === trace && playhead.request === index ? Math.min(playhead.at, last) : last;
  const step = view.steps[at];
  const go = (to: number) => setPlayhead({ trace, request: index, at: Math.max(0, Math.min(last, to)) });
  const stepWords = `Step ${at + 1} of ${view.steps.length}: ${step.layer}, ${step.what}${step.status ? ` (${step.status})` : ""} at ${formatMs(step.t)}`;

  return (
    <figure className="onion">
      <div className="onion__controls">
        <label className="onion__pick">
          <span>Request</span>
          <select
            value={index}
            onChange={(e) => {
              setPicked(Number(e.target.value));
              setPlayhead(null);
            }}
          >
            {requests.map((r, i) => (
              <option key={i} value={i}>
                {requestLabel(r)}
              </option>
            ))}
          </select>
        </label>
        <div className="onion__stepper" role="group" aria-label="Step through the request">
          <button type="button" className="button" aria-label="Previous step" disabled={at === 0} onClick={() => go(at - 1)}>
            ◀
          </button>
          <input
            type="range"
            min={0}
            max={last}
            value={at}
            aria-label="Step"
            aria-valuetext={stepWords}
            onChange={(e) => go(Number(e.target.value))}
          />
          <button type="button" className="button" aria-label="Next step" disabled={at === last} onClick={() => go(at + 1)}>
            ▶
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
