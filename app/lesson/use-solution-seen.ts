// Whether the learner has had the solution on screen on this page: Show solution put it in the
// editor (the code's origin is "solution" until an edit), or Compare with mine showed it beside
// their code. Seen once, it counts: completing the lesson after it is "completed with the
// solution shown", for the page's progress and for the embed's `completed` message alike.
import { useEffect, useRef, type RefObject } from "react";
import type { CodeOrigin } from "../stores/code-backups";

export function useSolutionSeen(codeOrigin: CodeOrigin | null, comparing: boolean): RefObject<boolean> {
  const seen = useRef(false);
  useEffect(() => {
    if (codeOrigin === "solution" || comparing) seen.current = true;
  }, [codeOrigin, comparing]);
  return seen;
}
