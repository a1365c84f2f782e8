// The modules learner code can import as `playground/<name>`. An engine plugs in with one line
// here; the editor's type definitions are generated from the same list (build/playground-types.ts).
import * as checks from "./checks-api";

export const PLAYGROUND_MODULES: Record<string, unknown> = {
  "playground/checks": checks,
};
