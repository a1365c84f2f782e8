import type { ComponentType } from "react";
import type { LessonMeta } from "../lessons/catalogue";
import { mdxComponents } from "../mdx/components";

type Content = ComponentType<{ components?: Record<string, ComponentType<never>> }>;

export function LessonProse({ lesson, Content }: { lesson: LessonMeta; Content: Content | null }) {
  return (
    <article className="prose">
      <p className="prose__summary">{lesson.summary}</p>
      {Content ? <Content components={mdxComponents} /> : <p className="pane__placeholder">Loading the lesson…</p>}
    </article>
  );
}
