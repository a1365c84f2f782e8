// Finds and validates lessons at build time. A lesson is a folder under lessons/ holding
// lesson.mdx (YAML front matter + prose), starter.ts, solution.ts and checks.ts. Anything wrong
// throws a LessonError listing every problem found as `file:line: problem`, which fails
// `vite build`.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { transform } from "sucrase";
import { DATASETS, type DatasetName } from "../workers/postgres/dataset-names.ts";
import { HOSTED_ENGINE_NAMES, isHostedEngine, type HostedEngineName } from "../workers/sandbox/hosted-engine-names.ts";
import { readFrontMatter, type FrontMatter } from "./front-matter.ts";
import { checkProse } from "./lesson-prose.ts";
import { proseHeadings, readSteps, type LessonStep } from "./lesson-steps.ts";
import { LessonError, ProblemList, type LessonProblem } from "./lesson-error.ts";

export { LessonError, type LessonProblem } from "./lesson-error.ts";
export type { LessonStep } from "./lesson-steps.ts";

export const LESSON_FILES = ["lesson.mdx", "starter.ts", "solution.ts", "checks.ts"] as const;
const DEFAULT_TIMEOUT_MS = 5000;
const MAX_TIMEOUT_MS = 60_000;

export interface LessonMeta {
  id: string;
  title: string;
  summary: string;
  order: number;
  tags: string[];
  timeoutMs: number;
  visualization: string;
  /** Engines that live outside the sandbox, started for this lesson (docs/architecture.md, "Hosted engines"). */
  engines: HostedEngineName[];
  /** The Postgres datasets the lesson reads, seeded before its first run (all of them when not given). */
  datasets: DatasetName[];
  /** The lesson's steps (build/lesson-steps.ts); none when it is one step, the whole prose and every check. */
  steps: LessonStep[];
}

export interface FoundLesson {
  meta: LessonMeta;
  dir: string;
}

export interface LoadOptions {
  /** Visualization ids the app knows; a lesson naming another one is an unknown id reference. */
  visualizations: readonly string[];
  /** Used to print paths relative to the repository. */
  root?: string;
}

const ID = /^[a-z][a-z0-9-]*$/;
const KNOWN_KEYS = new Set(["id", "title", "summary", "order", "tags", "timeoutMs", "visualization", "engines", "datasets", "steps"]);

/** Validates one lesson folder and returns its metadata; throws a LessonError with every problem found. */
export function loadLesson(dir: string, options: LoadOptions): LessonMeta {
  const root = options.root ?? process.cwd();
  const name = (file: string) => relative(root, join(dir, file)) || file;
  const folderId = dir.split(/[\\/]/).filter(Boolean).pop()!;

  const missing = LESSON_FILES.filter((file) => !existsSync(join(dir, file)));
  if (missing.length > 0) {
    throw new LessonError(missing.map((file) => ({ file: name(file), problem: "file is missing (a lesson needs lesson.mdx, starter.ts, solution.ts and checks.ts)" })));
  }

  const mdx = readFileSync(join(dir, "lesson.mdx"), "utf8");
  const lessonMdx = new ProblemList(name("lesson.mdx"));
  const read = readFrontMatter(mdx);
  let meta: LessonMeta | undefined;
  const lessonText = { headings: proseHeadings(mdx), checks: readFileSync(join(dir, "checks.ts"), "utf8") };
  if (read.ok) meta = readMeta(read.frontMatter, folderId, options, lessonText, lessonMdx);
  else lessonMdx.add(read.problem, read.line);
  for (const { line, problem } of checkProse(mdx)) lessonMdx.add(problem, line);

  const problems: LessonProblem[] = [...lessonMdx.problems, ...codeProblems(dir, name)];
  if (problems.length > 0 || !meta) throw new LessonError(problems);
  return meta;
}

/** The front matter's fields, each problem reported at its field's line. */
function readMeta({ data, lineOf }: FrontMatter, folderId: string, options: LoadOptions, text: { headings: string[]; checks: string }, problems: ProblemList): LessonMeta | undefined {
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    problems.add("front matter must be a YAML mapping of fields (id, title, summary, order, …)", 2);
    return undefined;
  }
  const fm = data as Record<string, unknown>;
  const before = problems.problems.length;
  const fail = (key: string, problem: string) => problems.add(`front matter: ${problem}`, lineOf(key));

  for (const key of Object.keys(fm)) {
    if (!KNOWN_KEYS.has(key)) fail(key, `unknown field "${key}" (known fields: ${[...KNOWN_KEYS].join(", ")})`);
  }
  const str = (key: string): string => {
    const v = fm[key];
    if (typeof v === "string" && v.trim() !== "") return v.trim();
    fail(key, `"${key}" is required and must be a non-empty string`);
    return "";
  };

  const id = str("id");
  if (id && !ID.test(id)) fail("id", `"id" must be lowercase letters, digits and dashes, got "${id}"`);
  else if (id && id !== folderId) fail("id", `"id" is "${id}" but the folder is "${folderId}"; they must match`);
  const title = str("title");
  const summary = str("summary");
  const order = fm.order;
  if (typeof order !== "number" || !Number.isFinite(order)) fail("order", `"order" is required and must be a number`);
  const tags = fm.tags ?? [];
  if (!Array.isArray(tags) || !tags.every((t) => typeof t === "string")) fail("tags", `"tags" must be a list of strings`);
  const timeoutMs = fm.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (typeof timeoutMs !== "number" || !Number.isInteger(timeoutMs) || timeoutMs < 100 || timeoutMs > MAX_TIMEOUT_MS) {
    fail("timeoutMs", `"timeoutMs" must be a whole number of milliseconds from 100 to ${MAX_TIMEOUT_MS}`);
  }
  const visualization = fm.visualization ?? "run-timeline";
  if (typeof visualization !== "string" || !options.visualizations.includes(visualization)) {
    fail("visualization", `"visualization" names "${String(visualization)}", which is not a known visualization (known: ${options.visualizations.join(", ")})`);
  }

  const engines = fm.engines ?? [];
  // The engines a lesson can ask the page to start: workers/sandbox/hosted-engines.ts.
  const enginesOk = Array.isArray(engines) && engines.every((e) => typeof e === "string" && isHostedEngine(e));
  if (!enginesOk) fail("engines", `"engines" must be a list of engines the page hosts (known: ${HOSTED_ENGINE_NAMES.join(", ")})`);

  const postgres = enginesOk && (engines as string[]).includes("postgres");
  const datasets = fm.datasets ?? (postgres ? [...DATASETS] : []);
  if (fm.datasets !== undefined && enginesOk && !postgres) fail("datasets", `"datasets" needs the postgres engine: add \`engines: [postgres]\``);
  else if (!Array.isArray(datasets) || !datasets.every((d) => typeof d === "string" && (DATASETS as readonly string[]).includes(d))) {
    fail("datasets", `"datasets" must be a list of Postgres datasets (known: ${DATASETS.join(", ")})`);
  }

  const steps = readSteps(fm.steps, text.headings, text.checks, (problem) => fail("steps", problem));

  if (problems.problems.length > before || !steps) return undefined;
  return { id, title, summary, order: order as number, tags: tags as string[], timeoutMs: timeoutMs as number, visualization: visualization as string, engines: engines as HostedEngineName[], datasets: datasets as DatasetName[], steps };
}

/** The code files must at least parse: a syntax error here would only surface in a learner's browser. */
function codeProblems(dir: string, name: (file: string) => string): LessonProblem[] {
  const problems: LessonProblem[] = [];
  for (const file of ["starter.ts", "solution.ts", "checks.ts"]) {
    const source = readFileSync(join(dir, file), "utf8");
    try {
      transform(source, { transforms: ["typescript", "imports"], filePath: file });
    } catch (e) {
      const { message, loc } = e as Error & { loc?: { line: number; column: number } };
      // sucrase says "Error transforming <file>: <what> (<line>:<column>)"; the line goes in front.
      const what = message.replace(/^Error transforming [^:]*: /, "").replace(/ \(\d+:\d+\)$/, "");
      problems.push({ file: name(file), line: loc?.line, problem: `does not parse: ${what}${loc ? ` (column ${loc.column})` : ""}` });
    }
    if (file === "checks.ts" && !/export\s+default\b/.test(source)) {
      problems.push({ file: name(file), problem: "must `export default defineChecks([...])`" });
    }
  }
  return problems;
}

/** Every lesson under `lessonsDir`, in catalogue order; throws a LessonError with the problems of every lesson. */
export function loadLessons(lessonsDir: string, options: LoadOptions): FoundLesson[] {
  if (!existsSync(lessonsDir)) throw new LessonError([{ file: lessonsDir, problem: "the lessons folder does not exist" }]);
  const found: FoundLesson[] = [];
  const problems: LessonProblem[] = [];
  for (const entry of readdirSync(lessonsDir).sort()) {
    const dir = join(lessonsDir, entry);
    if (entry.startsWith(".") || !statSync(dir).isDirectory()) continue;
    try {
      found.push({ dir, meta: loadLesson(dir, options) });
    } catch (e) {
      if (!(e instanceof LessonError)) throw e;
      problems.push(...e.problems);
    }
  }
  if (problems.length > 0) throw new LessonError(problems);
  if (found.length === 0) throw new LessonError([{ file: lessonsDir, problem: "no lessons found" }]);
  return found.sort((a, b) => a.meta.order - b.meta.order || a.meta.id.localeCompare(b.meta.id));
}
