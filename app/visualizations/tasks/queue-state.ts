// A job queue at one moment, replayed from its events: every job with where it is (waiting in the
// stream, in a worker's hands on the group's pending list, done, dead-lettered, or lost), each
// worker's state, and the last move, which the picture highlights. Pure.
import type { QueueEvent } from "./read";

export type JobPlace = "stream" | "pending" | "done" | "dead" | "lost";

export interface Job {
  id: string;
  key: string;
  place: JobPlace;
  /** pending: the worker that holds it (one that crashed still holds it until a claim). */
  worker: string | null;
  deliveries: number;
  /** pending after a failure: when it is due again. */
  retryAt: number | null;
  /** dead: its id in the dead-letter stream, and the last error. */
  deadId?: string;
  error?: string;
  /** Its side effect was skipped at least once because its idempotency key said done. */
  duplicatesSkipped: number;
}

export type WorkerState = "running" | "crashed" | "stopped";

export interface QueueState {
  name: string;
  /** The run() whose queue it is: a fresh loop's queue of the same name is another queue (its stream IDs start again). */
  loop?: number;
  jobs: Job[];
  workers: Map<string, WorkerState>;
  /** The moves in order, in words, newest last (the picture shows the last few). */
  moves: { t: number; text: string; id?: string }[];
}

export function queueStates(events: readonly QueueEvent[]): QueueState[] {
  const states = new Map<string, QueueState & { byId: Map<string, Job> }>();
  for (const e of events) {
    const id = `${e.loop ?? 0}\u0000${e.queue}`;
    let s = states.get(id);
    if (!s) states.set(id, (s = { name: e.queue, loop: e.loop, jobs: [], workers: new Map(), moves: [], byId: new Map() }));
    step(s, s.byId, e);
  }
  return [...states.values()].map(({ byId: _, ...s }) => s);
}

function step(s: QueueState, byId: Map<string, Job>, e: QueueEvent): void {
  const job = (id: string) => {
    let j = byId.get(id);
    // A job seen first in a worker's hands was added before the trace began: count it anyway.
    if (!j) {
      byId.set(id, (j = { id, key: "", place: "stream", worker: null, deliveries: 0, retryAt: null, duplicatesSkipped: 0 }));
      s.jobs.push(j);
    }
    return j;
  };
  const move = (text: string, id?: string) => s.moves.push({ t: e.t, text, id });
  switch (e.kind) {
    case "added": {
      const j = job(e.id);
      j.key = e.key;
      move(`${e.id} added to the stream${e.key ? ` (key ${e.key})` : ""}`, e.id);
      break;
    }
    case "read": {
      const j = job(e.id);
      Object.assign(j, { place: "pending", worker: e.worker, deliveries: e.deliveries, retryAt: null });
      move(`${e.worker} took ${e.id} (delivery ${e.deliveries})`, e.id);
      break;
    }
    case "acked":
      Object.assign(job(e.id), { place: "done", worker: null, retryAt: null });
      move(`${e.worker} acknowledged ${e.id}: done`, e.id);
      break;
    case "retry":
      Object.assign(job(e.id), { deliveries: e.deliveries, retryAt: e.t + e.backoffMs, error: e.error });
      move(`${e.id} failed in ${e.worker} (${e.error}); due again in ${e.backoffMs} ms`, e.id);
      break;
    case "claimed":
      for (const id of e.ids) Object.assign(job(id), { place: "pending", worker: e.worker, retryAt: null });
      for (const id of e.deleted) Object.assign(job(id), { place: "lost", worker: null });
      move(`${e.worker} claimed ${e.ids.length ? e.ids.join(", ") : "nothing"}${e.deleted.length ? `; ${e.deleted.join(", ")} had left the stream` : ""}`, e.ids[0]);
      break;
    case "dead-lettered":
      Object.assign(job(e.id), { place: "dead", worker: null, deliveries: e.deliveries, deadId: e.deadId, error: e.error, retryAt: null });
      move(`${e.id} dead-lettered after ${e.deliveries} deliveries (${e.error})`, e.id);
      break;
    case "lost":
      Object.assign(job(e.id), { place: "lost", worker: null });
      move(`${e.id} lost: ${e.worker} crashed holding it and nothing will deliver it again`, e.id);
      break;
    case "duplicate-skipped":
      job(e.id).duplicatesSkipped += 1;
      move(`${e.worker} skipped ${e.id}'s side effect: key ${e.key} was done already`, e.id);
      break;
    case "worker":
      s.workers.set(e.worker, e.phase === "crashed" ? "crashed" : e.phase === "stopped" ? "stopped" : "running");
      move(`${e.worker} ${e.phase}${e.by === "page" ? " from the page" : ""}${e.phase === "crashed" && e.holding?.length ? ` holding ${e.holding.join(", ")}` : ""}`);
      break;
  }
}

/** Pending jobs grouped by the worker holding them, in the order workers appeared. */
export function pendingByWorker(state: QueueState): { worker: string; state: WorkerState | "unknown"; jobs: Job[] }[] {
  const names = [...state.workers.keys()];
  for (const j of state.jobs) if (j.place === "pending" && j.worker && !names.includes(j.worker)) names.push(j.worker);
  return names.map((worker) => ({ worker, state: state.workers.get(worker) ?? "unknown", jobs: state.jobs.filter((j) => j.place === "pending" && j.worker === worker) }));
}
