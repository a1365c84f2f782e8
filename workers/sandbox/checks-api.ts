// `playground/checks`: what a lesson's checks.ts is written with. A check fails by throwing;
// chai's `expect` and `assert` give the messages a learner reads.
import { config } from "chai";
export { expect, assert } from "chai";

// chai cuts any value longer than 40 characters to "{ username: 'ada_l', …(5) }", so a failed
// deep equality showed two identical-looking objects; a learner needs to see where they differ.
config.truncateThreshold = 600;

export interface CheckContext {
  /** The lines the learner's module printed with console.* while it loaded. */
  readonly logs: readonly string[];
}

export interface Check<Learner = Record<string, unknown>> {
  /** Shown in the Checks list; unique within a lesson. */
  name: string;
  /** Revealed one at a time when the learner asks. */
  hint?: string | string[];
  run(learner: Learner, context: CheckContext): void | Promise<void>;
}

export function defineChecks<Learner = Record<string, unknown>>(checks: Check<Learner>[]): Check<Learner>[] {
  const seen = new Set<string>();
  for (const check of checks) {
    if (typeof check.name !== "string" || check.name === "") throw new Error("every check needs a name");
    if (seen.has(check.name)) throw new Error(`two checks are named "${check.name}"`);
    if (typeof check.run !== "function") throw new Error(`check "${check.name}" has no run function`);
    seen.add(check.name);
  }
  return checks;
}
