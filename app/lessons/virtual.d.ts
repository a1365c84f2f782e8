declare module "virtual:lessons" {
  import type { LessonMeta } from "../../build/lessons";
  import type { ComponentType } from "react";
  export const lessons: LessonMeta[];
  export const loaders: Record<
    string,
    () => Promise<{ Content: ComponentType<{ components?: Record<string, ComponentType<never>> }>; starter: string; solution: string; checks: string }>
  >;
}

declare module "virtual:playground-types" {
  /** Declaration files for the editor, keyed by their file:/// path. */
  const files: Record<string, string>;
  export default files;
}
