import { useEffect, useRef, type ComponentType } from "react";
import { catalogue, type LessonMeta } from "../lessons/catalogue";
import { mdxComponents } from "../mdx/components";
import { ShownStep } from "./steps/ProseSection";
import { StepFooter, StepNav } from "./steps/StepNav";
import { LessonComplete } from "./steps/LessonComplete";
import { nextLesson } from "./steps/step-progress";
import type { useLessonSteps } from "./steps/use-lesson-steps";

type Content = ComponentType<{ components?: Record<string, ComponentType<never>> }>;

/** `completionAbove`: the phone layout shows the completion moment itself, outside the folded text (PhoneLesson). */
export function LessonProse({ lesson, Content, steps, embed, completionAbove = false }: { lesson: LessonMeta; Content: Content | null; steps: ReturnType<typeof useLessonSteps>; embed: boolean; completionAbove?: boolean }) {
  const { stepped, current, done, go, completion } = steps;
  // Moving to another step (not opening the page) starts the reader, and the keyboard, at its top:
  // the button pressed may be gone (the last step has no Next step).
  const article = useRef<HTMLElement>(null);
  const shownFirst = useRef(current);
  useEffect(() => {
    if (current === shownFirst.current) return;
    shownFirst.current = -1;
    article.current?.closest(".pane")?.scrollTo({ top: 0 });
    article.current?.querySelector<HTMLElement>(".prose-step")?.focus({ preventScroll: true });
  }, [current]);
  return (
    <article className="prose" ref={article}>
      <p className="prose__summary">{lesson.summary}</p>
      {stepped && <StepNav steps={steps.steps} current={current} done={done} onGo={go} />}
      {/* Announced when it appears: the completion moment. */}
      {!completionAbove && <Completed lesson={lesson} completion={completion} embed={embed} />}
      {Content ? (
        <ShownStep.Provider value={stepped ? current : null}>
          <Content components={mdxComponents} />
        </ShownStep.Provider>
      ) : (
        <p className="pane__placeholder">Loading the lesson…</p>
      )}
      {stepped && Content && <StepFooter steps={steps.steps} current={current} done={done} onGo={go} />}
    </article>
  );
}

/** The completion moment, announced when it appears. */
export function Completed({ lesson, completion, embed }: { lesson: LessonMeta; completion: ReturnType<typeof useLessonSteps>["completion"]; embed: boolean }) {
  return <div aria-live="polite">{completion && <LessonComplete completion={completion} next={nextLesson(catalogue, lesson.id)} embed={embed} />}</div>;
}
