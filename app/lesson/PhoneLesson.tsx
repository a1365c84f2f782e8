// The lesson text in the phone layout: folded to the current step above the editor, so the code
// is on screen at once. The fold's summary names the step ("Step k of n"); opened, it shows that
// step's prose with the step list and the way on, as the lesson pane does on a wider screen. The
// completion moment shows outside the fold, where the learner sees it after a run.
import type { ComponentProps } from "react";
import { Completed, LessonProse } from "./LessonProse";

export function PhoneLesson(props: ComponentProps<typeof LessonProse>) {
  const { lesson, steps, embed } = props;
  const { stepped, current, completion } = steps;
  return (
    <section className="pane pane--lesson pane--lesson-phone" aria-label="Lesson">
      <details className="step-fold">
        <summary className="step-fold__summary">
          <span className="step-fold__title">{stepped ? (steps.steps[current]?.title ?? lesson.title) : "Lesson text"}</span>
          {stepped && (
            <span className="step-fold__count">
              Step {current + 1} of {steps.steps.length}
            </span>
          )}
        </summary>
        <LessonProse {...props} completionAbove />
      </details>
      <Completed lesson={lesson} completion={completion} embed={embed} />
    </section>
  );
}
