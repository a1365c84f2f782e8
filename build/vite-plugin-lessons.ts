// Turns lessons/<id>/ folders into two virtual modules:
//   virtual:lessons          the catalogue (metadata only, small) and a lazy loader per lesson
//   virtual:lesson/<id>      one lesson's compiled MDX and its code files as strings
// Validation runs as soon as the config is resolved, before any bundling: a malformed lesson
// fails `vite build` (and `vite`) with one `file:line: problem` line per problem. Errors thrown
// later, from the bundler's hooks, are printed with the bundler's stack trace.
import { resolve } from "node:path";
import type { Logger, Plugin } from "vite";
import { LessonError, loadLessons, type FoundLesson } from "./lessons.ts";
import { VISUALIZATION_IDS } from "../app/visualizations/ids.ts";

const CATALOGUE = "virtual:lessons";
const LESSON_PREFIX = "virtual:lesson/";

export function lessonsPlugin(options: { dir: string }): Plugin {
  const dir = resolve(options.dir);
  let lessons: FoundLesson[] = [];
  const load = () => (lessons = loadLessons(dir, { visualizations: VISUALIZATION_IDS }));

  return {
    name: "backend-playground:lessons",
    configResolved(config) {
      try {
        load();
      } catch (e) {
        if (e instanceof LessonError) throw reported(e, config.logger);
        throw e;
      }
    },
    buildStart() {
      for (const l of lessons) this.addWatchFile(resolve(l.dir, "lesson.mdx"));
    },
    resolveId(id) {
      if (id === CATALOGUE || id.startsWith(LESSON_PREFIX)) return "\0" + id;
    },
    load(id) {
      if (id === "\0" + CATALOGUE) {
        load();
        const loaders = lessons
          .map((l) => `  ${JSON.stringify(l.meta.id)}: () => import(${JSON.stringify(LESSON_PREFIX + l.meta.id)}),`)
          .join("\n");
        return `export const lessons = ${JSON.stringify(lessons.map((l) => l.meta))};\nexport const loaders = {\n${loaders}\n};\n`;
      }
      if (id.startsWith("\0" + LESSON_PREFIX)) {
        const lessonId = id.slice(1 + LESSON_PREFIX.length);
        const lesson = lessons.find((l) => l.meta.id === lessonId);
        if (!lesson) throw new Error(`unknown lesson "${lessonId}"`);
        const file = (name: string, query = "") => JSON.stringify(resolve(lesson.dir, name).replaceAll("\\", "/") + query);
        return [
          `export { default as Content } from ${file("lesson.mdx")};`,
          `export { default as starter } from ${file("starter.ts", "?raw")};`,
          `export { default as solution } from ${file("solution.ts", "?raw")};`,
          `export { default as checks } from ${file("checks.ts", "?raw")};`,
        ].join("\n");
      }
    },
    configureServer(server) {
      // A folder added or removed while `npm run dev` runs changes the catalogue.
      server.watcher.add(dir);
      const refresh = (path: string) => {
        if (!path.startsWith(dir)) return;
        const mod = server.moduleGraph.getModuleById("\0" + CATALOGUE);
        if (mod) server.moduleGraph.invalidateModule(mod);
        server.ws.send({ type: "full-reload" });
      };
      server.watcher.on("add", refresh);
      server.watcher.on("unlink", refresh);
      server.watcher.on("addDir", refresh);
      server.watcher.on("unlinkDir", refresh);
    },
  };
}

/**
 * Prints each problem on its own line, where an editor or terminal can link `file:line`, and
 * returns the short error Vite prints after them as the reason the command failed.
 */
function reported(error: LessonError, logger: Logger): Error {
  for (const line of error.message.split("\n")) logger.error(line);
  const count = error.problems.length;
  const summary = new Error(`${count} ${count === 1 ? "problem" : "problems"} in the lessons, listed above`);
  summary.stack = summary.message;
  return summary;
}
