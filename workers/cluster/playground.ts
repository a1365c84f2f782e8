// `playground/cluster` as the lesson's main code imports it (types in learner-api.ts):
// `startCluster(options)` serves the learner's own module in N workers, each of which imports it
// afresh (with the worker form of this module: node-modules.ts). Clusters of one run follow each
// other on the trace's axis: each is stamped from where the last one's events reached (or from
// now on the run's clock, if later), and numbered.
import type { TraceEvent } from "../trace.ts";
import { compartmentEvaluator, hardenedModules } from "../sandbox/compartment.ts";
import { evaluateModule } from "../sandbox/evaluate.ts";
import { createClientFor } from "../redis/client/client.ts";
import { startCluster, Cluster } from "./cluster.ts";
import { SimClient } from "./client.ts";
import { LEARNER_FILE } from "./node.ts";
import { oneThread } from "./one-thread.ts";
import { hostChannelOf, webWorkerTransport } from "./web-workers.ts";
import { sleepOn, TimeoutError, waitForOn } from "./timing.ts";
import type { ClusterTrace } from "./trace.ts";
import { realClock, type ClusterTransport, type Evaluate } from "./transport.ts";
import type * as LearnerApi from "./learner-api.ts";

export interface ClusterModuleEnv {
  now(): number;
  trace(event: TraceEvent): void;
  /** The learner's module, transpiled: what each worker imports. */
  learnerCode(): string;
  port(name: string): MessagePort | undefined;
  /** The run's console, for what learner code in a worker writes to its own. */
  log?(level: "log" | "info" | "warn" | "error", text: string): void;
}

export const BROKER_IN_MAIN =
  "createBrokerClient() works in a worker of a cluster: connect it in the code that serves connections (your app runs in each worker of startCluster), not when your module loads or in the lesson's main code";

declare const harden: (<T>(value: T) => T) | undefined;

/** Learner code in this realm: in a Compartment, its modules hardened, once the realm is locked down (the browser's sandbox); plainly in Node. */
function evaluatorHere(): Evaluate {
  const lockedDown = typeof harden === "function" && Object.isFrozen(Object.prototype);
  if (!lockedDown) return (code, modules, console) => evaluateModule(code, { filename: LEARNER_FILE, modules, console });
  const evaluate = compartmentEvaluator();
  return (code, modules, console) => evaluate(code, { filename: LEARNER_FILE, modules: hardenedModules(modules), console });
}

/**
 * Where a run's clusters put their workers: real Web Workers when the page gave the run a
 * "cluster" port (its host starts them), else one thread in virtual time. One per run.
 */
export function workersFor(env: Pick<ClusterModuleEnv, "port" | "now">): () => ClusterTransport {
  const port = env.port("cluster");
  if (!port) return () => oneThread({ evaluate: evaluatorHere() });
  const channel = hostChannelOf(port);
  return () => webWorkerTransport(channel, () => env.now());
}

/** The classes a cluster hands out are shared by the learner's code and the checks: frozen, so neither can rewrite them. */
function freezeClasses(...classes: (abstract new (...args: never[]) => unknown)[]): void {
  for (const cls of classes) {
    Object.freeze(cls.prototype);
    Object.freeze(cls);
  }
}

export function clusterModule(env: ClusterModuleEnv): typeof LearnerApi {
  freezeClasses(Cluster, SimClient);
  const noBrokerClient = createClientFor(
    {
      connect() {
        throw new Error(BROKER_IN_MAIN);
      },
    },
    { now: () => env.now() },
  );
  const transport = workersFor(env);
  let axisEnd = 0;
  let clusters = 0;
  const runClock = realClock(() => env.now());
  return {
    isMain: true,
    async startCluster(options) {
      const cluster = ++clusters;
      const base = Math.max(axisEnd, env.now());
      // Each event is a fresh object the coordinator keeps nowhere: placed on the run's axis where it is.
      const stamp = (event: ClusterTrace) => {
        event.t += base;
        axisEnd = Math.max(axisEnd, event.t);
        env.trace(event);
      };
      return startCluster(options, {
        transport: transport(),
        code: env.learnerCode(),
        trace: stamp,
        cluster,
        onConsole: ({ worker, level, text }) => env.log?.(level, `[worker ${worker}] ${text}`),
      });
    },
    // Created (a module may make its clients at the top, and the sandbox loads the module here
    // too), but with nothing to connect to: connect() rejects saying where it works.
    createBrokerClient: (clientOptions) => noBrokerClient(clientOptions),
    workerId: () => null,
    sleep: (ms) => sleepOn(runClock, ms),
    waitFor: (promise, ms) => waitForOn(runClock, promise, ms),
    TimeoutError,
  };
}
