// What a lookup reports about itself, step by step, so a lesson can draw the path it took through
// the tree and count the comparisons each strategy made. Steps are plain data (no node objects):
// nodes are named by the ids that describe() gives them.

export type RouterStep =
  /** radix, step 1: the param-less path looked up in the static map. */
  | { kind: "static-hit" | "static-miss"; path: string }
  /** radix: a static edge of the tree compared with the path from `at`. */
  | { kind: "node"; node: number; label: string; at: number; matched: boolean }
  /** radix: a parameter (or a `{x:path}` catch-all) tried on `value`, starting at `at`. */
  | { kind: "param"; node: number; label: string; at: number; value: string; matched: boolean }
  /** linear: one route's regex tried on the whole path. */
  | { kind: "regex"; route: number; pattern: string; matched: boolean }
  /** A route whose path matched; `accepted` says whether it takes the method. */
  | { kind: "route"; route: number; accepted: boolean }
  /** Nothing matched: the other trailing-slash form is tried next (Starlette's redirect_slashes). */
  | { kind: "redirect-probe"; path: string }
  | { kind: "result"; status: 200 | 307 | 404 | 405 };

export type RouterStepKind = RouterStep["kind"];

export type TraceSink = (step: RouterStep) => void;

/** Counts comparisons the way the routing lesson does: every node, parameter and regex tried. */
export function countComparisons(steps: readonly RouterStep[]): number {
  let n = 0;
  for (const s of steps) {
    if (s.kind === "node" || s.kind === "param" || s.kind === "regex" || s.kind === "static-hit" || s.kind === "static-miss") n++;
  }
  return n;
}
