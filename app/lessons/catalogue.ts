// The lessons the build found (build/vite-plugin-lessons.ts), and how to load one.
import { lessons, loaders } from "virtual:lessons";
import type { LessonMeta } from "../../build/lessons";

export type { LessonMeta };
export type LessonContent = Awaited<ReturnType<(typeof loaders)[string]>>;

export const catalogue: readonly LessonMeta[] = lessons;

export function findLesson(id: string): LessonMeta | undefined {
  return lessons.find((l) => l.id === id);
}

export function loadLessonContent(id: string): Promise<LessonContent> {
  const load = loaders[id];
  if (!load) return Promise.reject(new Error(`No lesson called "${id}"`));
  return load();
}
