import { lazy, Suspense, useCallback, useEffect, useRef, useState } from "react";
import { loadLessonContent, type LessonContent, type LessonMeta } from "../lessons/catalogue";
import { markCompleted, noteOpened, saveLastRun } from "../stores/progress";
import { NO_EMBED_OPTIONS, type EmbedOptions } from "../router/hash-route";
import { useEmbedBridge } from "../embed/use-embed-bridge";
import { Sandbox } from "../../workers/sandbox/client";
import { loadHostedEngines, type HostedEngine } from "../../workers/sandbox/hosted-engines";
import { createRunSession, type RunSession } from "./run-session";
import { EngineStatus } from "../engines/EngineStatus";
import { useLessonCode } from "./use-lesson-code";
import { LessonToolbar } from "./LessonToolbar";
import { CodeBanner } from "./CodeBanner";
import { Panes } from "./Panes";
import { LessonProse } from "./LessonProse";
import { OutputPane } from "../output/OutputPane";
import { ChecksPane } from "../checks/ChecksPane";
import { Visualization } from "../visualizations/Visualization";
import { CodePreview } from "../editor/CodePreview";
import { EditorKeys } from "./EditorKeys";
import { useSolutionSeen } from "./use-solution-seen";
import { useLessonSteps } from "./steps/use-lesson-steps";
import { countsForProgress } from "./steps/step-progress";
import type { InjectedEvent } from "../../workers/injections";
import { PhoneLesson } from "./PhoneLesson";
import { useEditorKind, usePhoneLayout } from "../editor/editor-mode";

const EDITOR_KEYS_ID = "editor-keys";

type Session = RunSession & { sandbox: Sandbox };

// Monaco is large: it loads after the lesson text has painted, and only for the full editor.
const CodeEditor = lazy(() => import("../editor/CodeEditor"));
// CodeMirror: the light editor (phone mode, editor-mode.ts), its own chunk too.
const LightEditor = lazy(() => import("../editor/LightEditor"));
// The diff with the solution, only when the learner asks for it.
const SolutionDiff = lazy(() => import("./SolutionDiff"));

export function LessonPage({ lesson, embed, sharedCode, options = NO_EMBED_OPTIONS }: { lesson: LessonMeta; embed: boolean; sharedCode: string | null; options?: EmbedOptions }) {
  const [content, setContent] = useState<LessonContent | null>(null);
  const [session, setSession] = useState<Session | null>(null);
  const [engines, setEngines] = useState<readonly HostedEngine[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [comparing, setComparing] = useState(false);
  // Read when the checks all pass (the run session's onAllPassed), set once the code is known below.
  const solutionShown = useRef(false);

  // Load the lesson and start its sandbox. Run is usable once the lesson is here; the sandbox's
  // own script (large) keeps loading meanwhile, and a run started early waits for it.
  useEffect(() => {
    let live = true;
    const sandbox = new Sandbox(() => import("../../workers/sandbox/spawn").then((m) => m.createSandboxWorker));
    // The lesson's hosted engines (the page's Postgres) start, and seed, as soon as it opens.
    const hosts = loadHostedEngines(lesson.engines);
    hosts.then(
      (loaded) => {
        if (!live) return;
        setEngines(loaded);
        for (const host of loaded) void host.start(lesson).catch(() => {}); // its status says why
      },
      () => {}, // said below, as the lesson's failure to load
    );
    Promise.all([loadLessonContent(lesson.id), hosts]).then(
      ([c, loaded]) => {
        if (!live) return;
        const runSession = createRunSession({ sandbox, checksSource: c.checks, lesson, engines: loaded, onAllPassed: () => markCompleted(lesson.id, { solutionShown: solutionShown.current }) });
        setContent(c);
        setSession({ sandbox, ...runSession });
      },
      (e: Error) => live && setLoadError(`This lesson could not load: ${e.message}. Check your connection and reload the page.`),
    );
    return () => {
      live = false;
      sandbox.dispose();
    };
  }, [lesson]);

  const { code, buffer, flushCode, replaceCode, origin, banner, goBack, dismissBanner, notice, dismissNotice } = useLessonCode({ id: lesson.id, embed, starter: content?.starter ?? null, sharedCode });
  const solutionSeen = useSolutionSeen(origin, comparing);
  useEffect(() => {
    solutionShown.current = solutionSeen.current;
  });

  // Run, and the queue board's "Crash worker-1 here" (the same run with the crash injected).
  const runInjected = useCallback(
    (inject?: InjectedEvent[]) => {
      if (!session || session.store.getState().running) return;
      // The code as it is in the editor this moment, saved first.
      const now = flushCode();
      if (now !== null) void session.run(now, { inject });
    },
    [session, flushCode],
  );
  const run = useCallback(() => runInjected(), [runInjected]);

  // Ctrl/Cmd+Enter runs from anywhere on the page (the editor binds it too).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key === "Enter") {
        e.preventDefault();
        run();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [run]);

  const ready = session !== null && code !== null;

  // The page framing an embed hears what happens and may set the code, run and reset (app/embed/).
  const bridge = useEmbedBridge({
    lessonId: lesson.id,
    embed,
    options,
    ready,
    session,
    codeOrigin: origin,
    comparing,
    run,
    setCode: (next) => replaceCode(next, "host"),
    reset: () => content && replaceCode(content.starter, "reset"),
    readCode: flushCode,
  });
  const steps = useLessonSteps(lesson, session?.store ?? null, solutionSeen, bridge.step);

  // What the home page's "Continue where you left off" shows: the last lesson opened here (an
  // embed is another site's page), and how each lesson's last finished run went.
  useEffect(() => {
    if (!embed) noteOpened(lesson.id);
  }, [embed, lesson.id]);
  useEffect(
    () =>
      session?.store.subscribe((now, before) => {
        if (before.running && !now.running && (now.outcome === "passed" || now.outcome === "failed") && countsForProgress(now)) {
          saveLastRun(lesson.id, { passed: now.checks.filter((c) => c.state === "passed").length, total: now.checks.length });
        }
      }),
    [session, lesson.id],
  );
  const hidden = (pane: "lesson" | "visualization") => embed && options.hide.includes(pane);
  const editorKind = useEditorKind();
  const phone = usePhoneLayout();
  const readOnly = embed && options.readonly;
  const closeComparison = () => {
    setComparing(false);
    // The diff (and the button that closed it) is gone: the keyboard goes back to the code.
    requestAnimationFrame(() => buffer.focus());
  };
  const proseProps = { lesson, Content: content?.Content ?? null, steps, embed };

  return (
    <main className={embed ? "lesson lesson--embed" : "lesson"}>
      <LessonToolbar
        lesson={lesson}
        embed={embed}
        ready={ready}
        session={session}
        engines={engines}
        hasCode={code !== null}
        codeOrigin={origin}
        readCode={flushCode}
        onRun={run}
        onReset={() => content && replaceCode(content.starter, "reset")}
        onShowSolution={() => content && replaceCode(content.solution, "solution")}
        onCompare={() => {
          flushCode();
          setComparing(true);
        }}
        compact={phone}
      />
      <EngineStatus engines={engines} />
      {loadError && (
        <div className="banner banner--warn" role="alert">
          <span>{loadError}</span>
        </div>
      )}
      {notice && !loadError && (
        <div className={`banner banner--${notice.tone}`} role={notice.tone === "warn" ? "alert" : "note"}>
          <span>{notice.text}</span>
          <button type="button" className="button button--quiet button--small" aria-label="Dismiss" onClick={dismissNotice}>
            ×
          </button>
        </div>
      )}
      {banner && !loadError && <CodeBanner view={banner} onGoBack={goBack} onDismiss={dismissBanner} />}
      <Panes
        lesson={
          hidden("lesson") ? null : phone ? (
            <PhoneLesson {...proseProps} />
          ) : (
            // It scrolls on its own, so it takes focus: a keyboard can scroll it (axe: scrollable-region-focusable).
            <section className="pane pane--lesson" aria-label="Lesson" tabIndex={0}>
              <LessonProse {...proseProps} />
            </section>
          )
        }
        editor={
          <section className={comparing && editorKind === "full" ? "pane pane--editor pane--comparing" : "pane pane--editor"} aria-label={comparing ? "Your code compared with the solution" : "Code editor"}>
            {code === null ? (
              <p className="pane__placeholder">Loading code…</p>
            ) : (
              <Suspense fallback={<CodePreview code={code} />}>
                {editorKind === "full" ? (
                  <CodeEditor lessonId={lesson.id} initialCode={code} buffer={buffer} onRun={run} markers={session?.store} describedBy={EDITOR_KEYS_ID} readOnly={readOnly} />
                ) : (
                  // The light editor compares in place (light-compare.ts).
                  <LightEditor initialCode={code} buffer={buffer} onRun={run} markers={session?.store} describedBy={EDITOR_KEYS_ID} readOnly={readOnly} compare={comparing && content ? { solution: content.solution, onClose: closeComparison } : null} />
                )}
              </Suspense>
            )}
            {comparing && content && editorKind === "full" && (
              <Suspense fallback={<p className="pane__placeholder">Loading the comparison…</p>}>
                <SolutionDiff lessonId={lesson.id} solution={content.solution} readOnly={readOnly} onClose={closeComparison} />
              </Suspense>
            )}
            <EditorKeys id={EDITOR_KEYS_ID} kind={editorKind} />
          </section>
        }
        side={[
          hidden("visualization")
            ? null
            : { id: "viz" as const, title: "Visualization", body: session ? <Visualization id={lesson.visualization} store={session.store} playhead={session.playhead} inject={runInjected} /> : <p className="pane__placeholder">Loading…</p> },
          { id: "output" as const, title: "Output", body: session ? <OutputPane store={session.store} /> : null },
          { id: "checks" as const, title: "Checks", body: session ? <ChecksPane store={session.store} /> : null },
        ].filter((pane) => pane !== null)}
      />
      {embed && (
        <footer className="embed-footer">
          <a href={`${location.pathname}#/lessons/${lesson.id}`} target="_blank" rel="noopener">
            Open “{lesson.title}” in Backend Playground ↗
          </a>
        </footer>
      )}
    </main>
  );
}
