// The background-tasks lesson's picture of a run, at the playhead's moment: each asyncio.run as
// lanes per task (blocked stretches, destroyed tasks marked where they vanished), each job queue
// as its stream, pending list and dead letters, and the real Web Workers' measured speedup.
import { useMemo } from "react";
import { useStore } from "zustand";
import type { VisualizationProps } from "../Visualization";
import { RunPlaceholder } from "../RunPlaceholder";
import { loopPictures } from "./lanes";
import { LoopLanes, MAX_LANES } from "./LoopLanes";
import { queueStates, type QueueState } from "./queue-state";
import { crashMoment, firstTake, loopSpans } from "./crash-offers";
import { QueueBoard } from "./QueueBoard";
import { readRun, type MeasuredEvent } from "./read";
import { SpeedupChart } from "./SpeedupChart";
import { LanesTable, SpeedupTable } from "./Tables";
import { RunIndex, runSectionId } from "./RunIndex";
import "./tasks.css";

export default function Tasks({ store, view, inject }: VisualizationProps) {
  const busy = useStore(store, (s) => s.running);
  const whole = useMemo(() => readRun(view.all), [view.all]);
  const run = useMemo(() => readRun(view.trace), [view.trace]);
  const wholeLoops = useMemo(() => loopPictures(whole.tasks), [whole]);
  const loops = useMemo(() => loopPictures(run.tasks), [run]);
  const queues = useMemo(() => queueStates(run.queue), [run]);
  const spans = useMemo(() => loopSpans(whole.tasks, whole.queue), [whole]);
  const wholeQueues = useMemo(() => queueStates(whole.queue), [whole]);
  const measured = run.tasks.filter((e): e is MeasuredEvent => e.kind === "workers-measured");

  if (wholeLoops.length === 0 && whole.queue.length === 0 && !whole.tasks.some((e) => e.kind === "workers-measured")) {
    return (
      <RunPlaceholder
        store={store}
        view={view}
        beforeFirstRun="Run your code to see each task of the event loop as a lane, the loop blocked by CPU work, the job queue's stream and pending list, and real workers measured."
        nothingInRun="This run used neither playground/tasks' event loop nor a job queue, so there is nothing to draw."
      />
    );
  }

  const title = (loop: number) => (wholeLoops.length === 1 ? "run()" : `run() #${loop}`);
  const destroyed = loops.reduce((n, p) => n + p.lanes.filter((l) => l.ending?.how === "destroyed").length, 0);
  const tasks = loops.reduce((n, p) => n + p.lanes.length, 0);
  const lost = queues.reduce((n, q) => n + q.jobs.filter((j) => j.place === "lost").length, 0);
  // "Crash worker-1 here" on a queue of a run(): the whole run's events say what is running at the playhead's moment.
  const crashFor = (q: QueueState) =>
    inject && q.loop !== undefined
      ? {
          moment: crashMoment(spans, whole.queue, q.loop, q.name, view.time),
          firstTake: firstTake(whole.queue, q.loop, q.name),
          busy,
          onCrash: (m: { loop: number; atMs: number }, worker: string) => inject([{ action: "crash", loop: m.loop, atMs: m.atMs, worker }]),
          onShow: view.showEvent,
        }
      : undefined;

  // The run() the playhead stands in, when it is not at the end (there every run() is whole).
  let current: number | null = null;
  if (!view.atEnd) for (const [loop, span] of spans) if (span.start <= view.time && view.time <= span.end) current = loop;

  return (
    <figure className="tasks-viz">
      <figcaption className="tasks-viz__summary">
        {tasks} {tasks === 1 ? "task" : "tasks"} in {loops.length} {loops.length === 1 ? "event loop" : "event loops"}
        {destroyed > 0 && <>, {destroyed} destroyed while pending</>}
        {queues.length > 0 && (
          <>
            {" · "}
            {queues.length} job {queues.length === 1 ? "queue" : "queues"}, {queues.reduce((n, q) => n + q.jobs.filter((j) => j.place === "done").length, 0)} of{" "}
            {queues.reduce((n, q) => n + q.jobs.length, 0)} jobs done
            {lost > 0 && <>, {lost} lost</>}
          </>
        )}
        {!view.atEnd && <> by this moment</>}
      </figcaption>
      {wholeLoops.length > 2 && (
        <RunIndex runs={wholeLoops.map((w) => ({ loop: w.loop, tasks: w.lanes.length, queues: wholeQueues.filter((q) => q.loop === w.loop).length }))} current={current} />
      )}
      {wholeLoops.map((w) => {
        const picture = loops.find((p) => p.loop === w.loop);
        return (
          <section key={w.loop} id={runSectionId(w.loop)} tabIndex={-1} className="tasks-viz__loop" aria-label={title(w.loop)}>
            <h4>
              {title(w.loop)}
              {w.lanes.length > MAX_LANES && <span className="tasks-viz__more"> · the first {MAX_LANES} of {w.lanes.length} tasks drawn; the table lists all</span>}
            </h4>
            <LoopLanes picture={picture} whole={w} cursor={view.time} title={title(w.loop)} />
            {picture && <LanesTable picture={picture} title={title(w.loop)} cursor={view.time} />}
            {/* Its job queues beside its lanes: a worker's crash here is the cancelled lane above. */}
            {queues
              .filter((q) => q.loop === w.loop)
              .map((q) => (
                <QueueBoard key={q.name} state={q} now={view.time} crash={crashFor(q)} />
              ))}
          </section>
        );
      })}
      {wholeLoops.length > 0 && (
        <p className="tasks-legend" aria-hidden="true">
          <span className="tasks-legend__step">a step</span> <span className="tasks-legend__wait">waiting</span> <span className="tasks-legend__blocked">loop blocked</span>{" "}
          <span className="tasks-legend__done">finished</span> <span className="tasks-legend__destroyed">destroyed</span>
        </p>
      )}
      {queues
        .filter((q) => !wholeLoops.some((w) => w.loop === q.loop))
        .map((q) => (
          <QueueBoard key={`${q.loop ?? 0}:${q.name}`} state={q} now={view.time} crash={crashFor(q)} />
        ))}
      {measured.length > 0 && (
        <>
          <SpeedupChart measured={measured} />
          <SpeedupTable measured={measured} />
        </>
      )}
    </figure>
  );
}
