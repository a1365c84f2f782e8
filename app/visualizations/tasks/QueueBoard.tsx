// A job queue at the playhead's moment: the stream (every entry added, and whether it is still
// waiting, in a worker's hands, done, dead or lost), the group's pending list by worker (a crashed
// worker keeps holding its jobs until another claims them after the visibility timeout), and the
// dead-letter stream. The last move is told in words and its job highlighted. Under its title, the
// controls that crash a worker at this moment (CrashControls.tsx), where the page can run code.
import { pendingByWorker, type Job, type QueueState } from "./queue-state";
import { CrashControls, type CrashControlsProps } from "./CrashControls";

const PLACE_TEXT: Record<Job["place"], string> = {
  stream: "waiting",
  pending: "in a worker's hands",
  done: "done",
  dead: "dead-lettered",
  lost: "lost",
};

function JobChip({ job, last, detail }: { job: Job; last: boolean; detail?: string }) {
  return (
    <li className={`tasks-job tasks-job--${job.place}${last ? " tasks-job--last" : ""}`}>
      <code>{job.id}</code> <span className="tasks-job__place">{detail ?? PLACE_TEXT[job.place]}</span>
      {job.deliveries > 1 && <span className="tasks-job__count"> · delivered {job.deliveries}×</span>}
      {job.duplicatesSkipped > 0 && <span className="tasks-job__count"> · duplicate skipped</span>}
    </li>
  );
}

export function QueueBoard({ state, now, crash }: { state: QueueState; now: number; crash?: Omit<CrashControlsProps, "queue"> }) {
  const lastId = state.moves.at(-1)?.id;
  const dead = state.jobs.filter((j) => j.place === "dead");
  const lost = state.jobs.filter((j) => j.place === "lost");
  const held = pendingByWorker(state);
  const label = `Queue ${state.name}${state.loop === undefined ? "" : ` in run() #${state.loop}`}`;
  return (
    <section className="tasks-queue" aria-label={label}>
      <h4 className="tasks-queue__title">
        Queue <code>{state.name}</code>
      </h4>
      {crash && <CrashControls queue={state.name} {...crash} />}
      <div className="tasks-queue__columns">
        <div>
          <h5>Stream</h5>
          <ol className="tasks-queue__list">
            {state.jobs.map((j) => (
              <JobChip key={j.id} job={j} last={j.id === lastId} />
            ))}
            {state.jobs.length === 0 && <li className="tasks-queue__empty">empty</li>}
          </ol>
        </div>
        <div>
          <h5>Pending, by worker</h5>
          {held.map((w) => (
            <div key={w.worker} className={`tasks-worker tasks-worker--${w.state}`}>
              <p className="tasks-worker__name">
                {w.worker} <span>{w.state === "unknown" ? "" : w.state}</span>
              </p>
              <ul className="tasks-queue__list">
                {w.jobs.map((j) => (
                  <JobChip key={j.id} job={j} last={j.id === lastId} detail={j.retryAt !== null && j.retryAt > now ? `failed; due again at ${Math.round(j.retryAt)} ms` : `delivery ${j.deliveries}`} />
                ))}
                {w.jobs.length === 0 && <li className="tasks-queue__empty">holds nothing</li>}
              </ul>
            </div>
          ))}
          {held.length === 0 && <p className="tasks-queue__empty">no worker yet</p>}
        </div>
        <div>
          <h5>Dead letters</h5>
          <ul className="tasks-queue__list">
            {dead.map((j) => (
              <JobChip key={j.id} job={j} last={j.id === lastId} detail={`as ${j.deadId}: ${j.error}`} />
            ))}
            {dead.length === 0 && <li className="tasks-queue__empty">none</li>}
          </ul>
          {lost.length > 0 && (
            <>
              <h5>Lost</h5>
              <ul className="tasks-queue__list">
                {lost.map((j) => (
                  <JobChip key={j.id} job={j} last={j.id === lastId} />
                ))}
              </ul>
            </>
          )}
        </div>
      </div>
      {state.moves.length > 0 && (
        <ol className="tasks-queue__moves" start={Math.max(1, state.moves.length - 3)} aria-label={`Last moves in ${label}`}>
          {state.moves.slice(-4).map((m, i) => (
            <li key={i}>
              <span className="tasks-queue__at">{Math.round(m.t)} ms</span> {m.text}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
