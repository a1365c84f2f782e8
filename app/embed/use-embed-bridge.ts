// The embedded lesson's side of app/embed/protocol.ts: when the page is framed, it tells the
// parent what happens (ready, each run's start and end, the checks, the first completion) and
// does what the parent asks (setCode, run, reset, getState). Messages go to the ?origin= given
// (else to any), and only the parent window, from that origin, is listened to.
import { useCallback, useEffect, useRef, useState } from "react";
import type { EmbedOptions } from "../router/hash-route";
import type { RunSession } from "../lesson/run-session";
import type { CodeOrigin } from "../stores/code-backups";
import { isCompleted, lessonProgress } from "../stores/progress";
import { isMemoryOnly } from "../stores/storage";
import { acceptsFrom, envelope, readIncoming, type HostCommand, type LessonEvent } from "./protocol";
import { checkResults, runEvents } from "./run-events";
import { countsForProgress } from "../lesson/steps/step-progress";
import { useSolutionSeen } from "../lesson/use-solution-seen";

export interface EmbedBridgeOptions {
  lessonId: string;
  embed: boolean;
  options: EmbedOptions;
  /** The lesson and its code are loaded: Run works. */
  ready: boolean;
  session: RunSession | null;
  /** Where the code in the editor came from (a run of the unedited solution is not solved by the learner). */
  codeOrigin: CodeOrigin | null;
  /** The solution is on screen beside the learner's code ("Compare with mine"): that counts as shown. */
  comparing: boolean;
  run: () => void;
  setCode: (code: string) => void;
  reset: () => void;
  readCode: () => string | null;
}

export interface EmbedBridge {
  /** Tells the parent which step of the lesson is shown and whether it is done (app/lesson/steps/). */
  step(index: number, count: number, title: string, done: boolean): void;
}

/** The window that frames this page, or null when it is not framed. */
function framingWindow(): Window | null {
  return window.parent !== window ? window.parent : null;
}

export function useEmbedBridge(o: EmbedBridgeOptions): EmbedBridge {
  const { lessonId, embed, ready, session } = o;
  const target = embed ? o.options.origin : "";
  // The latest callbacks and values, so the listeners below are set up once per session.
  const latest = useRef(o);
  useEffect(() => {
    latest.current = o;
  });
  const solutionSeen = useSolutionSeen(o.codeOrigin, o.comparing);
  const [completedBefore] = useState(() => isCompleted(lessonId));

  const send = useCallback(
    (event: LessonEvent) => {
      const parent = framingWindow();
      // "" is an ?origin= that is not an origin: nothing goes anywhere.
      if (parent && target !== "") parent.postMessage(envelope(lessonId, event), target);
    },
    [lessonId, target],
  );

  // What happens in the lesson, told as it happens.
  useEffect(() => {
    if (!embed || !framingWindow() || !ready || !session) return;
    let saidReady = false;
    let completed = false;
    const sayReady = () => {
      const s = session.store.getState();
      // Once the checks are listed (or could not be), so `ready` can name them.
      if (saidReady || (s.checks.length === 0 && s.tone !== "fail")) return;
      saidReady = true;
      send({ type: "ready", checks: s.checks.map((c) => c.name), storage: isMemoryOnly() ? "memory" : "saved", readonly: latest.current.options.readonly });
    };
    sayReady();
    const stop = session.store.subscribe((after, before) => {
      sayReady();
      for (const event of runEvents(before, after)) send(event);
      if (!completed && before.running && after.outcome === "passed" && countsForProgress(after)) {
        completed = true;
        send({ type: "completed", solutionShown: solutionSeen.current, before: completedBefore });
      }
    });
    return stop;
  }, [embed, ready, session, send, completedBefore, solutionSeen]);

  // What the parent asks.
  useEffect(() => {
    if (!embed || !framingWindow()) return;
    const onMessage = (e: MessageEvent) => {
      if (e.source !== framingWindow() || !acceptsFrom(target, e.origin)) return;
      const incoming = readIncoming(e.data);
      if (incoming.kind === "ignore") return;
      if (incoming.kind === "invalid") return send({ type: "error", message: incoming.message, received: incoming.received });
      const { ready: isReady } = latest.current;
      if (!isReady) return send({ type: "error", message: "the lesson is still loading: send commands after its ready message", received: incoming.command.type });
      obey(incoming.command);
    };
    const obey = (command: HostCommand) => {
      const now = latest.current;
      switch (command.type) {
        case "setCode":
          return now.setCode(command.code);
        case "run":
          return now.run();
        case "reset":
          return now.reset();
        case "getState": {
          const code = now.readCode();
          send({
            type: "state",
            requestId: command.requestId,
            code,
            completed: isCompleted(lessonId),
            started: lessonProgress(lessonId) !== "not-started",
            checks: checkResults(now.session?.store.getState().checks ?? []),
          });
        }
      }
    };
    window.addEventListener("message", onMessage);
    return () => window.removeEventListener("message", onMessage);
  }, [embed, lessonId, target, send]);

  return {
    step: (index, count, title, done) => {
      if (embed) send({ type: "step", index, count, title, done });
    },
  };
}
