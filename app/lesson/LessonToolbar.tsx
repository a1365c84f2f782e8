import { useState } from "react";
import { useStore } from "zustand";
import { createStore } from "zustand/vanilla";
import { useShallow } from "zustand/react/shallow";
import { compressToEncodedURIComponent } from "lz-string";
import type { LessonMeta } from "../lessons/catalogue";
import type { CodeOrigin } from "../stores/code-backups";
import { READY_STATUS, readyStatus, type RunSession, type RunState } from "./run-session";
import { useRunWaitsFor } from "../engines/use-run-waits-for";
import type { HostedEngine } from "../../workers/sandbox/hosted-engines";
import { Dialog } from "../shell/Dialog";
import { lessonHref } from "../router/hash-route";
import { CopyField, copyText, type CopyState } from "./CopyField";
import { useScrollRoom } from "./scroll-room";

// Before the lesson has loaded there is no run session yet; the toolbar renders from this.
const NO_SESSION = createStore<Pick<RunState, "running" | "status" | "tone">>(() => ({ running: false, status: "Loading…", tone: "neutral" }));

function siteUrl(hash: string): string {
  return `${location.origin}${location.pathname}${hash}`;
}

export function embedSnippet(lesson: LessonMeta): string {
  return `<iframe src="${siteUrl(lessonHref(lesson.id, { embed: true }))}" title="${lesson.title} — Backend Playground" width="100%" height="720" style="border:0" loading="lazy"></iframe>`;
}

interface Props {
  lesson: LessonMeta;
  embed: boolean;
  ready: boolean;
  session: RunSession | null;
  /** The lesson's hosted engines, once loaded: until they are ready, the status says what a Run would wait for. */
  engines: readonly HostedEngine[];
  hasCode: boolean;
  /** Where the code in the editor came from, so Show solution says what it replaces. */
  codeOrigin: CodeOrigin | null;
  /** The code in the editor now (saving any waiting edit first). */
  readCode: () => string | null;
  onRun: () => void;
  onReset: () => void;
  onShowSolution: () => void;
  /** Shows the solution beside the learner's code, changing nothing until they take a change. */
  onCompare: () => void;
  /** The phone layout: Stop as an icon, the code actions in a "More actions" menu. */
  compact?: boolean;
}

const MORE_ID = "toolbar-more";

/** Puts the menu under its button's right edge (a popover sits in the top layer, placed against the window). */
function placeBelow(button: HTMLElement): void {
  const menu = document.getElementById(MORE_ID);
  if (!menu) return;
  const box = button.getBoundingClientRect();
  menu.style.top = `${box.bottom + 4}px`;
  menu.style.right = `${Math.max(8, window.innerWidth - box.right)}px`;
}

// What Show solution replaces, said as it is: only the learner's own code is "your code".
const SOLUTION_REPLACES: Record<CodeOrigin, string> = {
  mine: "The solution will replace your code in the editor. You can bring your code back with Undo afterwards.",
  starter: "The solution will replace the starter code in the editor. Undo or Reset code brings the starter back.",
  share: "The solution will replace the code from the shared link. You can bring that code back with Undo afterwards.",
  solution: "The solution will replace the code in the editor. You can bring it back with Undo afterwards.",
};

export function LessonToolbar({ lesson, embed, ready, session, engines, hasCode, codeOrigin, readCode, onRun, onReset, onShowSolution, onCompare, compact = false }: Props) {
  const [dialog, setDialog] = useState<"solution" | "share" | "embed" | null>(null);
  // Copied in the click itself: browsers allow clipboard writes during a user gesture.
  const [copied, setCopied] = useState<CopyState>("idle");
  const openCopying = async (which: "share" | "embed", text: string) => {
    setCopied("idle");
    setDialog(which);
    setCopied(await copyText(text));
  };
  const { running, status, tone } = useStore(
    (session?.store ?? NO_SESSION) as typeof NO_SESSION,
    useShallow((s) => ({ running: s.running, status: s.status, tone: s.tone })),
  );
  // Before the first run, the status says what a Run would wait for (a hosted engine still starting).
  const waitsFor = useRunWaitsFor(engines);
  const shownStatus = status === READY_STATUS ? readyStatus(waitsFor) : status;
  const close = () => setDialog(null);
  // Packed only when the learner asks for it, not on every render.
  const [shareLink, setShareLink] = useState("");
  // Stacked, the toolbar sticks to the top of the page: what scrolls into view stops below it.
  const room = useScrollRoom("--toolbar-room");

  const codeActions = (
    <>
      <button type="button" className="button" onClick={onReset} disabled={!ready}>
        Reset code
      </button>
      <button
        type="button"
        className="button"
        onClick={() => {
          readCode(); // saves a waiting edit, so the dialog knows the code is the learner's
          setDialog("solution");
        }}
        disabled={!ready}
      >
        Show solution
      </button>
      <button type="button" className="button" onClick={() => {
          const code = readCode();
          if (code === null) return;
          const link = siteUrl(lessonHref(lesson.id, { code: compressToEncodedURIComponent(code) }));
          setShareLink(link);
          void openCopying("share", link);
        }}
        disabled={!hasCode}
      >
        Share
      </button>
      <button type="button" className="button" onClick={() => openCopying("embed", embedSnippet(lesson))}>
        Embed
      </button>
    </>
  );

  return (
    <div className={compact ? "toolbar toolbar--compact" : "toolbar"} ref={room}>
      <div className="toolbar__title">
        {embed ? <p className="toolbar__lesson">{lesson.title}</p> : <h1 className="toolbar__lesson">{lesson.title}</h1>}
      </div>
      <div className="toolbar__actions" role="group" aria-label="Run controls">
        <button type="button" className="button button--primary" onClick={onRun} disabled={!ready || running} title="Run (Ctrl+Enter)" aria-keyshortcuts="Control+Enter Meta+Enter">
          Run
        </button>
        <button type="button" className="button" onClick={() => session?.stop()} disabled={!running} aria-label={compact ? "Stop" : undefined} title={compact ? "Stop" : undefined}>
          {compact ? <span aria-hidden="true">■</span> : "Stop"}
        </button>
        {/* A fixed width, so Run and Stop stay where they are whatever the status says. */}
        <p className="status" role="status" aria-live="polite" title={shownStatus}>
          <span className={`status__text status--${tone}`}>{shownStatus}</span>
        </p>
      </div>
      {compact ? (
        <>
          <button type="button" className="button toolbar__more" popoverTarget={MORE_ID} aria-label="More actions" title="More actions" onClick={(e) => placeBelow(e.currentTarget)}>
            <span aria-hidden="true">⋯</span>
          </button>
          {/* A native popover: Escape and a tap outside close it; the keyboard goes into it from its button. */}
          <div id={MORE_ID} popover="auto" className="toolbar__menu" role="group" aria-label="Code actions" onClick={(e) => (e.target as HTMLElement).closest("button") && e.currentTarget.hidePopover()}>
            {codeActions}
          </div>
        </>
      ) : (
        <div className="toolbar__actions" role="group" aria-label="Code actions">
          {codeActions}
        </div>
      )}

      <Dialog title="Show the solution?" open={dialog === "solution"} onClose={close}>
        <p>
          {SOLUTION_REPLACES[codeOrigin ?? "mine"]} Or compare the two, each difference marked, and take only the changes you want, one at a time.
        </p>
        <div className="dialog__actions">
          <button type="button" className="button" onClick={close} autoFocus>
            Keep my code
          </button>
          <button
            type="button"
            className="button"
            onClick={() => {
              close();
              onCompare();
            }}
          >
            Compare with mine
          </button>
          <button
            type="button"
            className="button button--primary"
            onClick={() => {
              close();
              onShowSolution();
            }}
          >
            Replace my code
          </button>
        </div>
      </Dialog>
      <Dialog title="Share your code" open={dialog === "share"} onClose={close}>
        <p>Anyone who opens this link sees this lesson with your code in the editor (it does not run until they press Run).</p>
        <CopyField key={copied} label="Share link" value={shareLink} initialState={copied} />
        <div className="dialog__actions">
          <button type="button" className="button" onClick={close}>
            Close
          </button>
        </div>
      </Dialog>
      <Dialog title="Embed this lesson" open={dialog === "embed"} onClose={close}>
        <p>Paste this into your course page. The embedded lesson has no site header and keeps the learner's code in their browser.</p>
        <CopyField key={copied} label="Embed code" value={embedSnippet(lesson)} multiline initialState={copied} />
        <div className="dialog__actions">
          <button type="button" className="button" onClick={close}>
            Close
          </button>
        </div>
      </Dialog>
    </div>
  );
}

