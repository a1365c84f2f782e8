// The completion moment: all the lesson's checks passed on this page. It says how (solved, or
// with the solution shown) and leads to the next lesson of the catalogue.
import { useEffect, useRef } from "react";
import type { LessonMeta } from "../../lessons/catalogue";
import type { Completion } from "./use-lesson-steps";

export function LessonComplete({ completion, next, embed }: { completion: Completion; next: LessonMeta | null; embed: boolean }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // Scrolled into sight in the lesson pane; the keyboard stays where it was (in the editor, often).
  // Braces: Chromium's scrollIntoView returns a promise, which React would call as the cleanup.
  useEffect(() => {
    heading.current?.scrollIntoView({ block: "nearest" });
  }, []);
  return (
    <section className={`lesson-complete${completion.solutionShown ? " lesson-complete--solution" : ""}`} aria-labelledby="lesson-complete-title">
      <h2 id="lesson-complete-title" ref={heading}>
        {completion.solutionShown ? "Completed with the solution shown" : "Completed: well done"}
      </h2>
      <p>
        {completion.solutionShown
          ? "Every check passes, with the solution shown; the home page records it that way. Try it again in your own words when you like: Reset code starts over."
          : "Every check passes, and the home page marks this lesson completed."}
      </p>
      {next ? (
        // In an embed the next lesson opens on the site, as the embed's footer link does.
        <a className="button button--primary" href={`${embed ? location.pathname : ""}#/lessons/${next.id}`} {...(embed ? { target: "_blank", rel: "noopener" } : {})}>
          Next lesson: {next.title}
        </a>
      ) : (
        <a className="button" href={`${embed ? location.pathname : ""}#/`} {...(embed ? { target: "_blank", rel: "noopener" } : {})}>
          That was the last lesson: back to all lessons
        </a>
      )}
    </section>
  );
}
