// Runs lessons through the runner as the sandbox worker does — the realm locked down first, learner
// code in a Compartment, playground modules hardened — in a Node process of its own (lockdown would
// freeze the test runner's realm too). Reads [{ name, code, checks }] as JSON on stdin and prints
// [{ name, result }] on stdout. Used by workers/sandbox/lockdown.test.ts.
import "ses";
import { readFileSync } from "node:fs";
import { compartmentEvaluator, lockRealm } from "../compartment";
import { runLesson, type RunResult } from "../runner";
import { PLAYGROUND_MODULES } from "../registry";

declare const harden: <T>(value: T) => T;

lockRealm();

const requests = JSON.parse(readFileSync(0, "utf8")) as { name: string; code: string; checks: string }[];
const results: { name: string; result: RunResult; output: string[] }[] = [];
for (const { name, code, checks } of requests) {
  const output: string[] = [];
  const result = await runLesson(
    { code, checks },
    {
      now: () => performance.now(),
      modules: PLAYGROUND_MODULES,
      onConsole: (batch) => output.push(...batch.lines.map((l) => l.text)),
      evaluateLearner: compartmentEvaluator(),
      protect: harden,
    },
  );
  // Trace events are not needed by the test (and may hold values JSON cannot write): none are kept.
  results.push({ name, result, output });
}
process.stdout.write(JSON.stringify(results));
