// The lesson page's steps: which one is shown, which are done, and whether the lesson has just
// been completed on this page (the completion moment). Kept per lesson in progress.ts, so a
// learner comes back to the step they left. The rules of "done" are step-progress.ts's.
import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from "react";
import { useStore } from "zustand";
import { createStore } from "zustand/vanilla";
import type { LessonMeta } from "../../lessons/catalogue";
import type { RunStore } from "../run-session";
import { saveStep, saveStepsDone, savedStep, stepsDone } from "../../stores/progress";
import { countsForProgress, doneAfterLeaving, doneAfterRun, stepsOf } from "./step-progress";

export interface Completion {
  solutionShown: boolean;
}

// Before the session exists there are no checks to read.
const NO_CHECKS = createStore(() => ({ checks: [] as { name: string }[] }));

export function useLessonSteps(lesson: LessonMeta, store: RunStore | null, solutionSeen: RefObject<boolean>, onStep: (index: number, count: number, title: string, done: boolean) => void) {
  const checks = useStore((store ?? NO_CHECKS) as RunStore, (s) => s.checks);
  const names = useMemo(() => checks.map((c) => c.name).join("\n"), [checks]);
  const steps = useMemo(() => stepsOf(lesson, names === "" ? [] : names.split("\n")), [lesson, names]);
  const [current, setCurrent] = useState(() => Math.min(savedStep(lesson.id), Math.max(0, lesson.steps.length - 1)));
  const [done, setDone] = useState(() => stepsDone(lesson.id));
  const [completion, setCompletion] = useState<Completion | null>(null);

  // Each run that reaches its checks may finish steps; one that passes them all completes the lesson.
  useEffect(
    () =>
      store?.subscribe((now, before) => {
        if (!before.running || now.running || (now.outcome !== "passed" && now.outcome !== "failed") || !countsForProgress(now)) return;
        setDone((was) => {
          const next = doneAfterRun(steps, now.checks, was);
          if (next.size !== was.size) saveStepsDone(lesson.id, next);
          return next;
        });
        if (now.outcome === "passed") setCompletion({ solutionShown: solutionSeen.current });
      }),
    [store, steps, lesson.id, solutionSeen],
  );

  const go = useCallback(
    (to: number) => {
      if (to < 0 || to >= steps.length || to === current) return;
      setDone((was) => {
        const next = doneAfterLeaving(steps, current, was);
        if (next.size !== was.size) saveStepsDone(lesson.id, next);
        return next;
      });
      setCurrent(to);
      saveStep(lesson.id, to);
    },
    [steps, current, lesson.id],
  );

  // The framing page hears the step shown and whether it is done (app/embed/).
  const tell = useRef(onStep);
  useEffect(() => {
    tell.current = onStep;
  });
  const title = steps[current]?.title ?? lesson.title;
  const currentDone = done.has(current);
  useEffect(() => {
    // Once the checks are listed: the embed's `ready` comes first.
    if (store && names !== "") tell.current(current, steps.length, title, currentDone);
  }, [store, names, current, steps.length, title, currentDone]);

  return { steps, current, done, go, completion, stepped: lesson.steps.length > 0 };
}
