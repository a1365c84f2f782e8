// The list of a lesson's steps, at the top of the lesson pane: each one a button that shows it,
// the current one marked (aria-current="step"), the done ones ticked.
import type { LessonStep } from "../../../build/lessons";

export function StepNav({ steps, current, done, onGo }: { steps: readonly LessonStep[]; current: number; done: ReadonlySet<number>; onGo: (step: number) => void }) {
  return (
    <nav className="steps" aria-label="Steps">
      <ol className="steps__list">
        {steps.map((step, i) => (
          <li key={step.title} className="steps__item">
            <button
              type="button"
              className={`steps__button${i === current ? " steps__button--current" : ""}${done.has(i) ? " steps__button--done" : ""}`}
              aria-current={i === current ? "step" : undefined}
              onClick={() => onGo(i)}
            >
              <span className="steps__mark" aria-hidden="true">
                {done.has(i) ? "✓" : i + 1}
              </span>
              <span className="steps__title">{step.title}</span>
              {done.has(i) && <span className="visually-hidden"> (done)</span>}
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** Under the current step's prose: what it takes to finish it, and the way on. */
export function StepFooter({ steps, current, done, onGo }: { steps: readonly LessonStep[]; current: number; done: ReadonlySet<number>; onGo: (step: number) => void }) {
  const step = steps[current];
  const next = steps[current + 1];
  const isDone = done.has(current);
  return (
    <div className="step-footer">
      <p className="step-footer__state">
        {isDone ? `Step ${current + 1} is done.` : step.checks.length === 0 ? `Step ${current + 1} is reading: move on when you are ready.` : step.checks.length === 1 ? `Step ${current + 1} is done when the check “${step.checks[0]}” passes.` : `Step ${current + 1} is done when its ${step.checks.length} checks pass (listed under Checks).`}
      </p>
      {next && (
        <button type="button" className={isDone ? "button button--primary" : "button"} onClick={() => onGo(current + 1)}>
          Next step<span className="step-footer__next-title">: {next.title}</span>
        </button>
      )}
    </div>
  );
}
