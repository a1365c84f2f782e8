// The run()s of a trace as a row of buttons above their pictures: a lesson's checks make many
// loops (background-tasks: nine), and the queue board a learner is after sits far down the pane.
// A button scrolls its run() into view and gives it focus; the one the playhead stands in is
// marked. It never moves the playhead: what the learner is looking at stays the same moment.

export interface RunEntry {
  loop: number;
  tasks: number;
  queues: number;
}

/** The id of a run()'s section, for the index to find it. */
export const runSectionId = (loop: number) => `tasks-run-${loop}`;

export function RunIndex({ runs, current }: { runs: readonly RunEntry[]; current: number | null }) {
  const go = (loop: number) => {
    const section = document.getElementById(runSectionId(loop));
    section?.scrollIntoView({ block: "start" });
    section?.focus({ preventScroll: true });
  };
  return (
    <nav className="tasks-index" aria-label="The run()s of this run">
      <span className="tasks-index__label">Go to</span>
      {runs.map((r) => {
        const what = `${r.tasks} ${r.tasks === 1 ? "task" : "tasks"}${r.queues > 0 ? `, ${r.queues === 1 ? "a job queue" : `${r.queues} job queues`}` : ""}`;
        return (
          <button
            key={r.loop}
            type="button"
            className="button button--small tasks-index__run"
            aria-current={r.loop === current ? "true" : undefined}
            aria-label={`run() #${r.loop}: ${what}${r.loop === current ? " (the playhead is in it)" : ""}`}
            title={what}
            onClick={() => go(r.loop)}
          >
            #{r.loop}
            {r.queues > 0 && <span aria-hidden="true"> ▤</span>}
          </button>
        );
      })}
    </nav>
  );
}
