// What became of the events a run injected (workers/injections.ts), told from its trace: the
// status line's sentence ("Ran again with worker-1 crashed at 150 ms of run() #3"), the output's
// account (what the worker held, and whether that job was delivered again or lost), and the event
// the playhead moves to. Nothing crashes silently: a worker that was not there or not running, a
// moment after its run() ended, or a run() that never came are each said. Pure.
import type { InjectedEvent } from "../../workers/injections";
import type { TraceEvent } from "../../workers/trace";
import type { InjectedTrace } from "../../workers/tasks/trace";
import type { QueueTrace } from "../../workers/tasks/queue/trace";
import { DURATION, formatDuration } from "../format/duration";

export interface InjectionReport {
  /** One sentence per event; the first leads the status line. */
  sentences: string[];
  /** More for the output: what happened to the jobs a crashed worker held. */
  details: string[];
  /** The first crash's own event in the trace (the worker's death), for the playhead; null when none landed. */
  at: TraceEvent | null;
}

const ms = (v: number) => formatDuration(v, DURATION.loop);
const list = (names: readonly string[]) => names.join(", ");

function isInjected(e: TraceEvent): e is InjectedTrace {
  return e.source === "tasks" && e.kind === "injected";
}

/** What became of each job a crashed worker held: delivered again (by whom, when), lost, or still pending at the end. */
function fate(trace: readonly TraceEvent[], from: number, crash: InjectedTrace, id: string): string {
  for (let i = from + 1; i < trace.length; i++) {
    const e = trace[i] as QueueTrace;
    if (e.source !== "queue" || e.loop !== crash.loop || e.queue !== crash.queue) continue;
    if (e.kind === "claimed" && e.ids.includes(id)) return `${id} was delivered again: ${e.worker} claimed it at ${ms(crash.loopMs + (e.t - trace[from].t))}.`;
    if (e.kind === "lost" && e.id === id) return `${id} was lost with ${crash.worker}: nothing will deliver it again.`;
  }
  return `${id} was still pending, held by the dead ${crash.worker}, when run() #${crash.loop} ended: no other worker claimed it in time.`;
}

export function injectionReport(events: readonly InjectedEvent[], trace: readonly TraceEvent[]): InjectionReport {
  const report: InjectionReport = { sentences: [], details: [], at: null };
  const loops = trace.reduce((n, e) => Math.max(n, e.source === "tasks" || e.source === "queue" ? ((e as { loop?: number }).loop ?? 0) : 0), 0);
  for (const asked of events) {
    const where = `${ms(asked.atMs)} of run() #${asked.loop}`;
    const index = trace.findIndex((e) => isInjected(e) && e.loop === asked.loop && e.worker === asked.worker && e.atMs === asked.atMs);
    const done = index < 0 ? null : (trace[index] as InjectedTrace);
    if (done === null) {
      report.sentences.push(`Ran again, but this run had no run() #${asked.loop}${loops > 0 ? ` (it reached run() #${loops})` : ""}: nothing was crashed`);
      continue;
    }
    switch (done.outcome) {
      case "crashed": {
        const late = done.loopMs > asked.atMs + 0.001 ? ` (the loop was blocked over ${ms(asked.atMs)})` : "";
        report.sentences.push(`Ran again with ${asked.worker} crashed at ${ms(done.loopMs)} of run() #${asked.loop}${late}`);
        const holding = done.holding ?? [];
        report.details.push(holding.length === 0 ? `${asked.worker} held no job when it died.` : `${asked.worker} died holding ${list(holding)}.`);
        for (const id of holding) report.details.push(fate(trace, index, done, id));
        const death = trace.findIndex((e, i) => i > index && e.source === "queue" && e.kind === "worker" && e.phase === "crashed" && e.by === "page" && e.worker === asked.worker);
        report.at ??= death < 0 ? done : trace[death];
        break;
      }
      case "no-such-worker":
        report.sentences.push(`Ran again, but run() #${asked.loop} has no worker named ${asked.worker}${done.workers?.length ? ` (its workers: ${list(done.workers)})` : " (it made no queue workers)"}: nothing was crashed`);
        break;
      case "not-running":
        report.sentences.push(`Ran again, but ${asked.worker} was not running at ${where}${done.state ? ` (it had ${done.state})` : ""}: nothing was crashed`);
        break;
      case "loop-ended":
        report.sentences.push(`Ran again, but run() #${asked.loop} ended at ${ms(done.loopMs)}, before ${ms(asked.atMs)}: nothing was crashed`);
        break;
    }
  }
  return report;
}
