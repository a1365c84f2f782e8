// "Crash worker-1 here": the queue board's controls for the playhead's moment. A run in virtual
// time is over before anyone could press a button while it runs, so a press runs the learner's
// code again with the crash injected at that moment of that run() (workers/injections.ts); the
// run is deterministic, so everything before it happens again. Outside the run() (the playhead
// before or after it), a button moves the playhead to the first job a worker took there.
import { useEffect, useRef } from "react";
import { DURATION, formatDuration } from "../../format/duration";
import type { CrashMoment } from "./crash-offers";
import type { QueueEvent } from "./read";

export interface CrashControlsProps {
  queue: string;
  /** The offers at the playhead's moment; null when that run() is not going on then. */
  moment: CrashMoment | null;
  /** Where to go to crash one: the first job taken in that run(). */
  firstTake: Extract<QueueEvent, { kind: "read" }> | null;
  /** A run is going on: the code cannot run again yet. */
  busy: boolean;
  onCrash: (moment: CrashMoment, worker: string) => void;
  onShow: (event: QueueEvent) => void;
}

const ms = (v: number) => formatDuration(v, DURATION.loop);
const holds = (jobs: string[]) => (jobs.length === 0 ? "holds no job" : `holds ${jobs.join(", ")}`);

export function CrashControls({ queue, moment, firstTake, busy, onCrash, onShow }: CrashControlsProps) {
  const group = useRef<HTMLDivElement>(null);
  // After "Show when…" the button that was pressed is gone: the keyboard goes to the crash buttons.
  const focusOffers = useRef(false);
  useEffect(() => {
    if (!focusOffers.current || !moment) return;
    focusOffers.current = false;
    group.current?.querySelector("button")?.focus();
  }, [moment]);

  if (moment === null) {
    if (firstTake === null) return null;
    return (
      <p className="tasks-crash">
        To crash a worker, move the playhead into this run():{" "}
        <button
          type="button"
          className="button button--small"
          onClick={() => {
            focusOffers.current = true;
            onShow(firstTake);
          }}
        >
          Show when {firstTake.worker} took {firstTake.id}
        </button>
      </p>
    );
  }
  const where = `${ms(moment.atMs)} of run() #${moment.loop}`;
  if (moment.offers.length === 0) return <p className="tasks-crash">No worker of {queue} is running at {where}: nothing to crash here.</p>;
  return (
    <div className="tasks-crash" role="group" aria-label={`Crash a worker of ${queue} at ${where}`} ref={group}>
      <p className="tasks-crash__text">At {where}, run your code again with a worker killed here:</p>
      <ul className="tasks-crash__offers">
        {moment.offers.map((o) => (
          <li key={o.worker}>
            <button type="button" className="button button--small tasks-crash__button" disabled={busy} aria-label={`Crash ${o.worker} here, at ${where}; it ${holds(o.holding)}`} onClick={() => onCrash(moment, o.worker)}>
              Crash {o.worker} here
            </button>{" "}
            <span className="tasks-crash__holds">{holds(o.holding)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
