// Postgres started early from the home page, so a Postgres lesson is ready on arrival (with a kept
// copy: workers/postgres/kept-copy.ts): once the page is idle after its first paint, the worker
// fetches and compiles PGlite (nothing is booted: which data to load is not known yet); a pointer
// over, or focus on, a Postgres lesson's link starts it with that lesson's datasets. Both load
// the host's module with import(), so the home page's first paint never waits for it.
import type { LessonMeta } from "../lessons/catalogue";
import { HOSTED_ENGINES } from "../../workers/sandbox/hosted-engines";

const usesPostgres = (lesson: Pick<LessonMeta, "engines">) => lesson.engines.includes("postgres");

/** When the page is next idle (after its first paint), fetches PGlite if a lesson uses Postgres; answers a cancel. */
export function preparePostgresWhenIdle(lessons: readonly Pick<LessonMeta, "engines">[]): () => void {
  if (!lessons.some(usesPostgres)) return () => {};
  const prepare = () => void HOSTED_ENGINES.postgres().then((m) => m.default.prepare()).catch(() => {});
  // Safari has no requestIdleCallback: a timeout after the paint stands in for it.
  if (typeof requestIdleCallback === "function") {
    const id = requestIdleCallback(prepare, { timeout: 5000 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(prepare, 2000);
  return () => clearTimeout(id);
}

/** The learner is likely to open `lesson`: starts Postgres with what it reads. */
export function startPostgresFor(lesson: Pick<LessonMeta, "engines" | "timeoutMs" | "datasets">): void {
  if (!usesPostgres(lesson)) return;
  void HOSTED_ENGINES.postgres()
    .then((m) => m.default.start({ timeoutMs: lesson.timeoutMs, datasets: lesson.datasets }))
    .catch(() => {}); // the lesson page says what went wrong, if it still does
}
