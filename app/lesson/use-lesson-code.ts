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

// lz-string decodes some garbage into garbage instead of failing, so check both ends: the link
// uses only its URI-safe alphabet, and the code is text (no control characters but whitespace,
// no replacement characters).
const LZ_ALPHABET = /^[A-Za-z0-9+\-$]+$/;
function isText(code: string): boolean {
  for (let i = 0; i < code.length; i++) {
    const c = code.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) return false;
  }
  return true;
}

export function decodeSharedCode(param: string): string | null {
  if (!LZ_ALPHABET.test(param)) return null;
  try {
    const code = decompressFromEncodedURIComponent(param);
    return typeof code === "string" && code.length > 0 && isText(code) ? code : null;
  } catch {
    return null;
  }
}

export function useLessonCode(options: { id: string; embed: boolean; starter: string | null; sharedCode: string | null }) {
  const { id, embed, starter } = options;
  const [edited, setCodeState] = useState<string | null>(null);
  // Until something sets it, the code is the learner's saved code, else the starter.
  const code = edited ?? (starter === null ? null : (savedCode(id) ?? starter));
  const [notice, setNotice] = useState<Notice | null>(null);
  const current = useRef<string | null>(null);
  useEffect(() => {
    current.current = code;
  }, [code]);

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
      const previous = current.current;
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

  // A shared link (?code=), on arrival or when one is opened while this lesson is showing.
  const { sharedCode } = options;
  useEffect(() => {
    if (starter === null || sharedCode === null) return;
    // Drop ?code= so a reload keeps the learner's edits instead of reloading the link.
    replaceHash(lessonHref(id, { embed }));
    const mine = current.current ?? savedCode(id) ?? starter;
    const decoded = decodeSharedCode(sharedCode);
    if (decoded === null) {
      setCodeState(mine);
      setNotice({ text: "The code in this link could not be read (it may have been cut short when it was copied). Showing your own code instead.", tone: "warn" });
      return;
    }
    setCode(decoded);
    if (mine !== decoded && savedCode(id) !== null) {
      backUpCode(id, mine);
      setNotice({
        text: "Loaded the code from a shared link. Your own code is kept.",
        tone: "info",
        action: {
          label: "Back to my code",
          run: () => {
            setCode(mine);
            dropBackup(id);
            setNotice(null);
          },
        },
      });
    } else {
      setNotice({ text: "Loaded the code from a shared link. Press Run to try it.", tone: "info" });
    }
  }, [starter, sharedCode, id, embed, setCode]);

  return { code, setCode, replaceCode, notice, setNotice };
}
