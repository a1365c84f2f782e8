// The learner's code for one lesson: where it starts (a shared link, their saved code, or the
// starter), saving every edit, and the actions that replace it — each of which keeps the code
// it replaces so it can be brought back. The learner's code is never lost.
import { useCallback, useEffect, useRef, useState } from "react";
import { decompressFromEncodedURIComponent } from "lz-string";
import { backUpCode, backedUpCode, dropBackup, saveCode, savedCode } from "../stores/progress";
import { lessonHref, replaceHash } from "../router/hash-route";

export interface Notice {
  text: string;
  tone: "info" | "warn";
  action?: { label: string; run: () => void };
}

export function decodeSharedCode(param: string): string | null {
  try {
    const code = decompressFromEncodedURIComponent(param);
    return typeof code === "string" && code.length > 0 ? code : null;
  } catch {
    return null;
  }
}

export function useLessonCode(options: { id: string; embed: boolean; starter: string | null; sharedCode: string | null }) {
  const { id, embed, starter } = options;
  const [code, setCodeState] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const shared = useRef(options.sharedCode);

  const setCode = useCallback(
    (next: string) => {
      setCodeState(next);
      saveCode(id, next);
    },
    [id],
  );

  /** Replaces the code, keeping what was there so the notice's action can restore it. */
  const replaceCode = useCallback(
    (next: string, text: string) => {
      const previous = savedCode(id);
      if (previous !== null && previous !== next) backUpCode(id, previous);
      setCode(next);
      setNotice(
        previous !== null && previous !== next
          ? {
              text,
              tone: "info",
              action: {
                label: "Undo",
                run: () => {
                  const back = backedUpCode(id);
                  if (back !== null) setCode(back);
                  dropBackup(id);
                  setNotice(null);
                },
              },
            }
          : { text, tone: "info" },
      );
    },
    [id, setCode],
  );

  // Decide the starting code once the starter has loaded.
  useEffect(() => {
    if (starter === null || code !== null) return;
    const param = shared.current;
    shared.current = null;
    if (param !== null) {
      // Drop ?code= so a reload keeps the learner's edits instead of reloading the link.
      replaceHash(lessonHref(id, { embed }));
      const decoded = decodeSharedCode(param);
      if (decoded === null) {
        setCodeState(savedCode(id) ?? starter);
        setNotice({ text: "The code in this link could not be read (it may have been cut short when it was copied). Showing your own code instead.", tone: "warn" });
        return;
      }
      const previous = savedCode(id);
      if (previous !== null && previous !== decoded) {
        backUpCode(id, previous);
        setNotice({
          text: "Loaded the code from a shared link. Your own code is kept.",
          tone: "info",
          action: {
            label: "Back to my code",
            run: () => {
              setCode(previous);
              dropBackup(id);
              setNotice(null);
            },
          },
        });
      } else {
        setNotice({ text: "Loaded the code from a shared link. Press Run to try it.", tone: "info" });
      }
      setCode(decoded);
      return;
    }
    setCodeState(savedCode(id) ?? starter);
  }, [starter, code, id, embed, setCode]);

  return { code, setCode, replaceCode, notice, setNotice };
}
