import { catalogue } from "../lessons/catalogue";
import { lessonHref } from "../router/hash-route";
import { lessonProgress, useProgressVersion, type LessonProgress } from "../stores/progress";

const LABEL: Record<LessonProgress, string> = { completed: "Completed", started: "In progress", "not-started": "Not started" };

export function HomePage() {
  useProgressVersion();
  const done = catalogue.filter((l) => lessonProgress(l.id) === "completed").length;
  return (
    <main className="home">
      <section className="home__intro">
        <h1>Learn how backends really work</h1>
        <p>
          Run real code against real engines in your browser — routing, middleware, Postgres, Redis, DNS, WebSockets — and watch what happens
          inside.
        </p>
        <p className="home__progress">
          {done} of {catalogue.length} lessons completed
        </p>
      </section>
      <ol className="catalogue" aria-label="Lessons">
        {catalogue.map((lesson) => {
          const state = lessonProgress(lesson.id);
          return (
            <li key={lesson.id} className={`catalogue__item catalogue__item--${state}`}>
              <a href={lessonHref(lesson.id)} className="catalogue__link">
                {lesson.title}
              </a>
              <p className="catalogue__summary">{lesson.summary}</p>
              <p className="catalogue__meta">
                <span className={`badge badge--${state}`}>{LABEL[state]}</span>
                {lesson.tags.map((t) => (
                  <span key={t} className="tag">
                    {t}
                  </span>
                ))}
              </p>
            </li>
          );
        })}
      </ol>
    </main>
  );
}
