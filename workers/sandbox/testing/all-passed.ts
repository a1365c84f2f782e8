// What "the checks passed" means in the tests that try to fake it: the run did not fail, it had
// checks, and every one of them passed.
import type { RunResult } from "../runner";

export const allPassed = (r: RunResult): boolean => r.error === null && r.checks.length > 0 && r.checks.every((c) => c.passed);
