// "Continue where you left off": the lesson opened last, with how far the learner got. The link
// is named "Continue", not by the title, so the catalogue's links stay the only ones named so.
import { findLesson } from "../lessons/catalogue";
import { lessonHref } from "../router/hash-route";
import { lastOpened, lastRun, lessonProgress, type LessonProgress } from "../stores/progress";

export const PROGRESS_LABEL: Record<LessonProgress, string> = { completed: "Completed", "solution-shown": "Completed with the solution shown", started: "In progress", "not-started": "Not started" };

export function ContinueCard() {
  const id = lastOpened();
  const lesson = id === null ? undefined : findLesson(id);
  if (!lesson) return null;
  const state = lessonProgress(lesson.id);
  const run = lastRun(lesson.id);
  return (
    <section className="continue" aria-labelledby="continue-title">
      <h2 id="continue-title" className="continue__title">
        Continue where you left off
      </h2>
      <p className="continue__lesson" id="continue-lesson">
        {lesson.title}
      </p>
      <p className="catalogue__meta">
        <span className={`badge badge--${state}`}>{PROGRESS_LABEL[state]}</span>
        {run && (
          <span className="continue__run">
            Last run: {run.passed === run.total ? "all checks passed" : `${run.passed} of ${run.total} checks passed`}
          </span>
        )}
      </p>
      <a className="button button--primary continue__link" href={lessonHref(lesson.id)} aria-describedby="continue-lesson">
        Continue
      </a>
    </section>
  );
}
