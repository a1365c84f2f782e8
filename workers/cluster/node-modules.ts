// What learner code imports inside a worker of a cluster: each worker builds its own, as each
// Gunicorn worker imports the app afresh (module-level state belongs to one worker).
//   playground/cluster  its worker form: a client of the cluster's one broker, this worker's
//                       number, sleep and waitFor on the engine's clock;
//   playground/web      the web engine (its own trace is not kept: the coordinator traces what
//                       crosses the wires);
//   playground/redis    an ordinary in-memory Redis, private to this worker;
//   playground/tasks    the event loop (its trace not kept); measureWorkers refuses, from inside a worker.
import { createClientFor } from "../redis/client/client.ts";
import { redisModule } from "../redis/playground.ts";
import { webModule } from "../web/playground.ts";
import { tasksModule } from "../tasks/playground.ts";
import type { NodeBroker } from "./node-broker.ts";
import { sleepOn, TimeoutError, waitForOn } from "./timing.ts";
import type { Clock } from "./transport.ts";
import { instantiateModules } from "../sandbox/lazy-modules.ts";
import type * as LearnerApi from "./learner-api.ts";

export interface NodeModulesEnv {
  worker: number;
  clock: Clock;
  broker: NodeBroker;
}

export const START_IN_WORKER =
  "startCluster() is called from the lesson's main code: this code runs inside a worker of a cluster, which cannot start another";

/** `playground/cluster` inside worker `worker`. */
export function workerClusterModule(env: NodeModulesEnv): typeof LearnerApi {
  const now = () => env.clock.now();
  const createClient = createClientFor(env.broker, { now });
  return {
    isMain: false,
    startCluster: () => {
      throw new Error(START_IN_WORKER);
    },
    createBrokerClient: (options) => createClient(options),
    workerId: () => env.worker,
    sleep: (ms) => sleepOn(env.clock, ms),
    waitFor: (promise, ms) => waitForOn(env.clock, promise, ms),
    TimeoutError,
  };
}

/** The modules of one worker, each built on its first import. */
export function nodeModules(env: NodeModulesEnv): Record<string, unknown> {
  const now = () => env.clock.now();
  const drop = () => {};
  return instantiateModules(
    {
      "playground/cluster": () => workerClusterModule(env),
      "playground/web": () => webModule({ now, trace: drop }),
      "playground/redis": () => redisModule({ now, trace: drop }),
      "playground/tasks": () => tasksModule({ now, trace: drop, workers: null, inWorker: true }),
    },
    undefined,
  );
}
