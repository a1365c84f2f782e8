// The hook a page's buttons use: the workers of a queue as plain data, and crash / restart by
// name, so a message from the page ("crash w1") can reach a worker running in the sandbox.
import type { JobQueue, WorkerState } from "./types.ts";

export interface WorkerView {
  name: string;
  state: WorkerState;
  /** IDs of the jobs it holds un-acknowledged. */
  holding: string[];
}

export interface QueueControls {
  workers(): WorkerView[];
  /** Kills the named worker at once; false when there is none running by that name. */
  crash(name: string): boolean;
  /** Starts the named worker again; false when there is none stopped or crashed by that name. */
  restart(name: string): boolean;
}

export function queueControls(queue: JobQueue<unknown>): QueueControls {
  const find = (name: string) => queue.workers().find((w) => w.name === name);
  return {
    workers: () => queue.workers().map((w) => ({ name: w.name, state: w.state, holding: w.holding() })),
    crash(name) {
      const w = find(name);
      if (w === undefined || w.state !== "running") return false;
      w.crash();
      return true;
    },
    restart(name) {
      const w = find(name);
      if (w === undefined || w.state === "running") return false;
      w.restart();
      return true;
    },
  };
}
