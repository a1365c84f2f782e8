// The real Web Workers behind playground/tasks's measureWorkers (workers/tasks/real-workers.ts):
// started the way a cluster's are, over the run's `cluster` port (the page's host, node-worker.ts:
// lockdown, the learner's module in a Compartment), sharing the run's one HostChannel with its
// clusters. Each worker is asked to load the module for jobs (`load-jobs`) and then to call an
// export once per `job`; every answer is read through readFromNode before it is believed.
import type { JobWorker, WorkerPool } from "../tasks/real-workers.ts";
import type { FromNode, JobValue } from "./protocol.ts";
import { readFromNode } from "./read-message.ts";
import { hostChannelOf, webWorkerTransport } from "./web-workers.ts";

export interface JobWorkersEnv {
  now(): number;
  port(name: string): MessagePort | undefined;
  learnerCode(): string;
  log?(level: "log" | "info" | "warn" | "error", text: string): void;
}

type Pending = { resolve: (r: { value: unknown; ms: number }) => void; reject: (e: Error) => void };

function startOne(transport: ReturnType<typeof webWorkerTransport>, worker: number, code: string, env: JobWorkersEnv): Promise<JobWorker> {
  return new Promise((loaded, failed) => {
    const pending = new Map<number, Pending>();
    let nextId = 1;
    let ready = false;
    const crash = (why: string) => {
      const error = new Error(`worker ${worker} ${why}`);
      if (!ready) failed(error);
      for (const p of pending.values()) p.reject(error);
      pending.clear();
    };
    const onMessage = (raw: FromNode) => {
      const message = readFromNode(raw);
      if (!message) return;
      if (message.type === "loaded") {
        ready = true;
        loaded(jobWorker);
      } else if (message.type === "load-failed") crash(`could not load your module: ${message.message}`);
      else if (message.type === "console") env.log?.(message.level, `[worker ${worker}] ${message.text}`);
      else if (message.type === "job-done") {
        const p = pending.get(message.id);
        pending.delete(message.id);
        if (!p) return;
        if (message.ok) p.resolve({ value: message.value, ms: message.ms });
        else p.reject(new Error(`worker ${worker}: ${message.error}`));
      }
    };
    const link = transport.spawn(worker, onMessage, (error, how) => crash(how === "killed" ? "was killed from the page" : `stopped: ${error}`));
    const jobWorker: JobWorker = {
      call(exportName, args) {
        const id = nextId++;
        return new Promise((resolve, reject) => {
          pending.set(id, { resolve, reject });
          link.post({ type: "job", id, exportName, args: args as JobValue[] });
        });
      },
      close: () => link.kill(),
    };
    link.post({ type: "load-jobs", code, worker });
  });
}

/** The run's real workers for jobs, or null when the lesson has no `cluster` engine (no port). */
export function jobWorkersFor(env: JobWorkersEnv): WorkerPool | null {
  const port = env.port("cluster");
  if (!port) return null;
  const channel = hostChannelOf(port);
  return {
    async start(count) {
      const transport = webWorkerTransport(channel, env.now);
      const code = env.learnerCode();
      const started = await Promise.allSettled(Array.from({ length: count }, (_, i) => startOne(transport, i + 1, code, env)));
      const failure = started.find((s) => s.status === "rejected");
      if (failure) {
        for (const s of started) if (s.status === "fulfilled") s.value.close();
        throw failure.reason;
      }
      return started.map((s) => (s as PromiseFulfilledResult<JobWorker>).value);
    },
  };
}
