// measureWorkers: the same CPU-bound export of the learner's module on 1, 2 and 4 real Web Workers,
// timed for real, so a lesson can put the measured speedup beside the GIL's simulation. The
// workers are the cluster's (workers/cluster/job-workers.ts): each is started by the page's
// cluster host from a blob: URL, locks its realm down and imports the learner's module afresh
// in a Compartment, exactly as a cluster worker does. This file only deals the jobs and times them.
import type { TraceEvent } from "../trace.ts";
import type { WorkersMeasuredTrace } from "./trace.ts";
import type { MeasureOptions, WorkerTiming } from "./learner-api.ts";

/** One started worker, its module loaded. */
export interface JobWorker {
  call(exportName: string, args: unknown[]): Promise<{ value: unknown; ms: number }>;
  close(): void;
}

/** Real workers for a run: `start(n)` resolves once n fresh workers have each loaded the module. */
export interface WorkerPool {
  start(count: number): Promise<JobWorker[]>;
}

export const NO_WORKERS =
  "measureWorkers needs real Web Workers, which the page's cluster host starts: add `cluster` to the lesson's `engines:` in its front matter";
export const MAX_MEASURED_WORKERS = 4;
const MAX_JOBS = 1000;

function checked(options: MeasureOptions): { exportName: string; jobs: unknown[][]; counts: number[] } {
  if (typeof options !== "object" || options === null) throw new TypeError("measureWorkers takes { exportName, jobs, workers? }");
  const { exportName, jobs } = options;
  const counts = options.workers ?? [1, 2, 4];
  if (typeof exportName !== "string" || exportName === "") throw new TypeError("measureWorkers: exportName must name an exported function of your module");
  if (!Array.isArray(jobs) || jobs.length === 0 || jobs.length > MAX_JOBS || !jobs.every(Array.isArray))
    throw new TypeError(`measureWorkers: jobs must be 1 to ${MAX_JOBS} argument lists, one per job: [[30], [30]]`);
  if (!Array.isArray(counts) || counts.length === 0 || !counts.every((n) => Number.isInteger(n) && n >= 1 && n <= MAX_MEASURED_WORKERS))
    throw new TypeError(`measureWorkers: workers must list worker counts from 1 to ${MAX_MEASURED_WORKERS}: [1, 2, 4]`);
  return { exportName, jobs, counts };
}

/** Every job on `workers`, each worker taking the next job as it finishes one: the wall time from the first sent to the last back. */
async function timeJobs(workers: JobWorker[], exportName: string, jobs: unknown[][], now: () => number): Promise<number> {
  let next = 0;
  const started = now();
  await Promise.all(
    workers.map(async (worker) => {
      while (next < jobs.length) await worker.call(exportName, jobs[next++]);
    }),
  );
  return now() - started;
}

export async function measureWorkersOn(pool: WorkerPool | null, options: MeasureOptions, env: { now(): number; trace(event: TraceEvent): void }): Promise<WorkerTiming[]> {
  const { exportName, jobs, counts } = checked(options);
  if (!pool) throw new Error(NO_WORKERS);
  const timings: WorkerTiming[] = [];
  for (const count of counts) {
    // Fresh workers for each count, started and loaded before the clock starts: only the jobs are timed.
    const workers = await pool.start(count);
    let ms: number;
    const t = env.now();
    try {
      ms = await timeJobs(workers, exportName, jobs, env.now);
    } finally {
      for (const w of workers) w.close();
    }
    const first = timings[0]?.ms ?? ms;
    const timing = { workers: count, ms, speedup: ms > 0 ? first / ms : 1 };
    timings.push(timing);
    const event: WorkersMeasuredTrace = { t, source: "tasks", kind: "workers-measured", exportName, jobs: jobs.length, ...timing };
    env.trace(event);
  }
  return timings;
}
