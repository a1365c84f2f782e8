import { catalogue } from "../lessons/catalogue";
import { lessonHref } from "../router/hash-route";
import { lessonProgress, useProgressVersion } from "../stores/progress";
import { useEffect } from "react";
import { comingLessons, topicOf } from "./planned-lessons";
import { preparePostgresWhenIdle, startPostgresFor } from "./start-early";
import { ContinueCard, PROGRESS_LABEL as LABEL } from "./ContinueCard";
import { ProgressTransfer } from "./ProgressTransfer";

/** "a, b and c" */
function listOf(words: string[]): string {
  return words.length < 2 ? words.join("") : `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

export function HomePage() {
  useProgressVersion();
  const done = catalogue.filter((l) => lessonProgress(l.id) === "completed").length;
  // The intro names only what the catalogue has, so it cannot promise a lesson that is not there
  // (the welcome lesson, order 0, is about the playground itself, not a topic).
  const topics = catalogue.filter((l) => l.order > 0).map((l) => topicOf(l.title));
  const coming = comingLessons(catalogue);
  useEffect(() => preparePostgresWhenIdle(catalogue), []);
  return (
    <main className="home">
      <section className="home__intro">
        <h1>Learn how backends really work</h1>
        <p>Run real code against engines that live in your browser — {listOf(topics)} — and watch what happens inside.</p>
        <p className="home__progress">
          {done} of {catalogue.length} lessons completed
        </p>
      </section>
      <ContinueCard />
      <ol className="catalogue" aria-label="Lessons">
        {catalogue.map((lesson) => {
          const state = lessonProgress(lesson.id);
          return (
            <li key={lesson.id} className={`catalogue__item catalogue__item--${state}`}>
              <a href={lessonHref(lesson.id)} className="catalogue__link" onPointerEnter={() => startPostgresFor(lesson)} onFocus={() => startPostgresFor(lesson)}>
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
      <ProgressTransfer />
      {coming.length > 0 && (
        <section className="coming" aria-labelledby="coming-title">
          <h2 id="coming-title">Coming later</h2>
          <p>Not written yet, so not here to open:</p>
          <ul className="coming__list">
            {coming.map((l) => (
              <li key={l.id}>{l.topic}</li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}
