// The learner's code for one lesson: where it starts (a shared link, their saved code, or the
// starter), saving edits off the keystroke path (the editor owns the text: code-buffer.ts), and
// the one way to replace it. Every replacement (a shared link, Reset code, Show solution, going
// back, and any future one) goes through replaceCode or goBack, which save a way back
// (code-backups.ts) before the code it protects is overwritten; the banner that offers it is drawn
// from that stored record, so it survives reloads until dismissed.
import { useCallback, useEffect, useRef, useState } from "react";
import { decompressFromEncodedURIComponent } from "lz-string";
import { saveCode, savedCode } from "../stores/progress";
import { dismissed, edited, goneBack, loadCodeRecord, originOf, replaced, saveCodeRecord, type CodeOrigin, type CodeRecord } from "../stores/code-backups";
import { replaceHash, withoutCode } from "../router/hash-route";
import { codeBanner } from "./code-banner";
import { createCodeBuffer } from "../editor/code-buffer";
import { createDeferredSave, flushWhenPageHides, type DeferredSave } from "../stores/deferred-save";

/** A message about the code that is not a way back (a link that could not be read, say); it lasts until dismissed or the next replacement. */
export interface Notice {
  text: string;
  tone: "info" | "warn";
}

export type Replacing = "share" | "reset" | "solution" | "host";
// Code the embedding page sends is, like a link's, not the learner's own until they edit it.
const NEW_ORIGIN: Record<Replacing, CodeOrigin> = { share: "share", reset: "starter", solution: "solution", host: "share" };
const ALREADY: Record<Replacing, string> = {
  share: "The shared link holds the code already in the editor.",
  host: "The course page sent the code already in the editor.",
  reset: "The code is already the starter.",
  solution: "The solution is already in the editor.",
};

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
  // The text itself lives in the editor (code-buffer.ts); this is what the page renders from: the
  // code as of the last save or replacement. Until one, the learner's saved code, else the starter.
  const [shownCode, setShownCode] = useState<string | null>(null);
  const code = shownCode ?? (starter === null ? null : (savedCode(id) ?? starter));
  const [buffer] = useState(createCodeBuffer);
  const [record, setRecordState] = useState<CodeRecord>(() => loadCodeRecord(id));
  const [notice, setNotice] = useState<Notice | null>(null);
  // The latest values, for callbacks; the callbacks update it too, so two changes in one tick see each other.
  const latest = useRef({ code, record, starter });
  useEffect(() => {
    latest.current = { code, record, starter };
  }, [code, record, starter]);
  const saver = useRef<DeferredSave | null>(null);

  /** Saves the record first, then the code it protects, so a way back is never behind the code. */
  const commit = useCallback(
    (nextRecord: CodeRecord, nextCode?: string) => {
      saveCodeRecord(id, nextRecord);
      latest.current.record = nextRecord;
      setRecordState(nextRecord);
      if (nextCode === undefined) return;
      latest.current.code = nextCode;
      setShownCode(nextCode);
      saveCode(id, nextCode);
      buffer.replace(nextCode);
    },
    [id, buffer],
  );

  /** Saves what the learner changed since the last save; the code is now theirs. */
  const saveEdits = useCallback(() => {
    const { code: saved, record: now } = latest.current;
    const text = buffer.read();
    if (text === null || text === saved) return;
    latest.current.code = text;
    setShownCode(text);
    saveCode(id, text);
    if (now.origin !== "mine") commit(edited(now));
  }, [id, buffer, commit]);

  useEffect(() => {
    const deferred = createDeferredSave(saveEdits);
    saver.current = deferred;
    const stopListening = buffer.onChange(deferred.schedule);
    const stopWatchingPage = flushWhenPageHides(deferred.flush);
    return () => {
      stopListening();
      stopWatchingPage();
      deferred.dispose(); // leaving the lesson saves what is waiting
      if (saver.current === deferred) saver.current = null;
    };
  }, [buffer, saveEdits]);

  /** Saves any waiting edit and gives the code as it is now (what a Run, a Share or a replacement must see). */
  const flushCode = useCallback((): string | null => {
    saver.current?.flush();
    return buffer.read() ?? latest.current.code;
  }, [buffer]);

  /** Replaces the code, keeping what was there as a backup the banner offers. */
  const replaceCode = useCallback(
    (next: string, by: Replacing) => {
      const before = flushCode();
      const { record: now, starter: start } = latest.current;
      if (before === null || start === null) return;
      if (before === next) {
        setNotice({ text: ALREADY[by], tone: "info" });
        return;
      }
      setNotice(null);
      commit(replaced(now, { code: before, origin: originOf(now, before, start) }, by, NEW_ORIGIN[by]), next);
    },
    [commit, flushCode],
  );

  /** Brings back backup `index` (what the banner's buttons do). */
  const goBack = useCallback(
    (index: number) => {
      const before = flushCode();
      const { record: now, starter: start } = latest.current;
      if (before === null || start === null) return;
      const back = goneBack(now, index, { code: before, origin: originOf(now, before, start) });
      setNotice(null);
      commit(back.record, back.code);
    },
    [commit, flushCode],
  );

  const dismissBanner = useCallback(() => commit(dismissed(latest.current.record)), [commit]);
  const dismissNotice = useCallback(() => setNotice(null), []);

  // A shared link (?code=), on arrival or when one is opened while this lesson is showing.
  const { sharedCode } = options;
  useEffect(() => {
    if (starter === null || sharedCode === null) return;
    // Drop ?code= so a reload keeps the learner's edits instead of reloading the link (an
    // embed's other options stay).
    replaceHash(withoutCode(location.hash));
    const decoded = decodeSharedCode(sharedCode);
    if (decoded === null) {
      const now = flushCode();
      const r = latest.current.record;
      const origin = now === null ? "starter" : originOf(r, now, starter);
      const shown = origin === "mine" ? "your own code" : origin === "starter" ? "the starter" : "the code that was in the editor";
      setNotice({ text: `The code in this link could not be read (it may have been cut short when it was copied). Showing ${shown} instead.`, tone: "warn" });
      return;
    }
    replaceCode(decoded, "share");
  }, [starter, sharedCode, id, embed, replaceCode, flushCode]);

  const banner = code === null || starter === null ? null : codeBanner(record, code, starter);
  /** Where the code in the editor came from (what Show solution would replace). */
  const origin = code === null || starter === null ? null : originOf(record, code, starter);
  return { code, buffer, flushCode, replaceCode, origin, banner, goBack, dismissBanner, notice, dismissNotice };
}
