// Words for a teardown's outcome, shared by the drawing and its text alternative.
import type { Outcome, Teardown } from "./model";

export const OUTCOME: Record<Outcome, string> = {
  ok: "finished",
  raised: "raised",
  suppressed: "swallowed the error",
};

/** The error thrown in at `yield` and re-raised is "passed on"; a new one is "raised". */
export function teardownOutcome(t: Teardown): string {
  return t.error ? `${t.passedOn ? "passed on" : OUTCOME[t.outcome]} ${t.error}` : OUTCOME[t.outcome];
}

/** ok, passed-on (an error leaving the normal way), or a teardown that went wrong. */
export function teardownClass(t: Teardown): string {
  return t.passedOn ? "passed-on" : t.outcome;
}

