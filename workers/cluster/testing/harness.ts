// A cluster for Node tests: the learner's module as a TypeScript string, transpiled as a lesson's
// is and evaluated afresh in each worker, on the one-thread transport; the trace and the workers'
// console lines are kept.
import { evaluateModule } from "../../sandbox/evaluate.ts";
import { transpile } from "../../sandbox/transpile.ts";
import { startCluster, type Cluster, type ConsoleLine } from "../cluster.ts";
import type { ClusterOptions } from "../learner-api.ts";
import { LEARNER_FILE } from "../node.ts";
import { oneThread, type OneThreadOptions } from "../one-thread.ts";
import type { ClusterTrace } from "../trace.ts";
import type { Evaluate } from "../transport.ts";

export const evaluateInNode: Evaluate = (code, modules, console) => evaluateModule(code, { filename: LEARNER_FILE, modules, console });

export interface TestCluster {
  cluster: Cluster;
  trace: ClusterTrace[];
  logs: ConsoleLine[];
  /** The trace's events of one kind. */
  events<K extends ClusterTrace["kind"]>(kind: K): Extract<ClusterTrace, { kind: K }>[];
}

/** `trace` receives the events (pass one to read them when the start fails). */
export async function start(source: string, options: ClusterOptions = {}, transport: Partial<OneThreadOptions> = {}, trace: ClusterTrace[] = []): Promise<TestCluster> {
  const logs: ConsoleLine[] = [];
  const cluster = await startCluster(options, {
    transport: oneThread({ evaluate: evaluateInNode, ...transport }),
    code: transpile(source, LEARNER_FILE),
    trace: (event) => trace.push(event),
    onConsole: (line) => logs.push(line),
  });
  const events = <K extends ClusterTrace["kind"]>(kind: K) => trace.filter((e): e is Extract<ClusterTrace, { kind: K }> => e.kind === kind);
  return { cluster, trace, logs, events };
}
