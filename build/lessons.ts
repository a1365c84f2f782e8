// Finds and validates lessons at build time. A lesson is a folder under lessons/ holding
// lesson.mdx (YAML front matter + prose), starter.ts, solution.ts and checks.ts. Anything wrong
// throws a LessonError naming the file and the problem, which fails `vite build`.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { parse as parseYaml } from "yaml";
import { transform } from "sucrase";
import { DATASETS, type DatasetName } from "../workers/postgres/dataset-names.ts";

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
  /** Engines that live outside the sandbox and must be started for this lesson (DESIGN §5). */
  engines: string[];
  /** The Postgres datasets the lesson reads, seeded before its first run (all of them when not given). */
  datasets: DatasetName[];
}

/** Engines a lesson can ask the page to start (front matter `engines:`). */
export const HOSTED_ENGINES = ["postgres"] as const;

export interface FoundLesson {
  meta: LessonMeta;
  dir: string;
}

export class LessonError extends Error {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = "LessonError";
  }
}

export interface LoadOptions {
  /** Visualization ids the app knows; a lesson naming another one is an unknown id reference. */
  visualizations: readonly string[];
  /** Used to print paths relative to the repository. */
  root?: string;
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;
const ID = /^[a-z][a-z0-9-]*$/;
const KNOWN_KEYS = new Set(["id", "title", "summary", "order", "tags", "timeoutMs", "visualization", "engines", "datasets"]);

export function splitFrontMatter(source: string): { yaml: string; body: string } | null {
  const m = FRONT_MATTER.exec(source);
  return m ? { yaml: m[1], body: source.slice(m[0].length) } : null;
}

/** Validates one lesson folder and returns its metadata. */
export function loadLesson(dir: string, options: LoadOptions): LessonMeta {
  const root = options.root ?? process.cwd();
  const name = (file: string) => relative(root, join(dir, file)) || file;
  const folderId = dir.split(/[\\/]/).filter(Boolean).pop()!;

  for (const file of LESSON_FILES) {
    if (!existsSync(join(dir, file))) throw new LessonError(name(file), "file is missing (a lesson needs lesson.mdx, starter.ts, solution.ts and checks.ts)");
  }

  const mdx = readFileSync(join(dir, "lesson.mdx"), "utf8");
  const split = splitFrontMatter(mdx);
  if (!split) throw new LessonError(name("lesson.mdx"), "front matter is missing: start the file with a '---' line, the YAML fields, and another '---' line");
  let data: unknown;
  try {
    data = parseYaml(split.yaml);
  } catch (e) {
    throw new LessonError(name("lesson.mdx"), `front matter is not valid YAML: ${(e as Error).message.split("\n")[0]}`);
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new LessonError(name("lesson.mdx"), "front matter must be a YAML mapping of fields (id, title, summary, order, …)");
  }
  const fm = data as Record<string, unknown>;
  const fail = (problem: string): never => {
    throw new LessonError(name("lesson.mdx"), `front matter: ${problem}`);
  };

  for (const key of Object.keys(fm)) {
    if (!KNOWN_KEYS.has(key)) fail(`unknown field "${key}" (known fields: ${[...KNOWN_KEYS].join(", ")})`);
  }
  const str = (key: string): string => {
    const v = fm[key];
    if (typeof v !== "string" || v.trim() === "") fail(`"${key}" is required and must be a non-empty string`);
    return (v as string).trim();
  };

  const id = str("id");
  if (!ID.test(id)) fail(`"id" must be lowercase letters, digits and dashes, got "${id}"`);
  if (id !== folderId) fail(`"id" is "${id}" but the folder is "${folderId}"; they must match`);
  const title = str("title");
  const summary = str("summary");
  const order = fm.order;
  if (typeof order !== "number" || !Number.isFinite(order)) fail(`"order" is required and must be a number`);
  const tags = fm.tags ?? [];
  if (!Array.isArray(tags) || !tags.every((t) => typeof t === "string")) fail(`"tags" must be a list of strings`);
  const timeoutMs = fm.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (typeof timeoutMs !== "number" || !Number.isInteger(timeoutMs) || timeoutMs < 100 || timeoutMs > MAX_TIMEOUT_MS) {
    fail(`"timeoutMs" must be a whole number of milliseconds from 100 to ${MAX_TIMEOUT_MS}`);
  }
  const visualization = fm.visualization ?? "run-timeline";
  if (typeof visualization !== "string" || !options.visualizations.includes(visualization)) {
    fail(`"visualization" names "${String(visualization)}", which is not a known visualization (known: ${options.visualizations.join(", ")})`);
  }

  const engines = fm.engines ?? [];
  if (!Array.isArray(engines) || !engines.every((e) => typeof e === "string" && (HOSTED_ENGINES as readonly string[]).includes(e))) {
    fail(`"engines" must be a list of engines the page hosts (known: ${HOSTED_ENGINES.join(", ")})`);
  }

  const postgres = (engines as string[]).includes("postgres");
  const datasets = fm.datasets ?? (postgres ? [...DATASETS] : []);
  if (fm.datasets !== undefined && !postgres) fail(`"datasets" needs the postgres engine: add \`engines: [postgres]\``);
  if (!Array.isArray(datasets) || !datasets.every((d) => typeof d === "string" && (DATASETS as readonly string[]).includes(d))) {
    fail(`"datasets" must be a list of Postgres datasets (known: ${DATASETS.join(", ")})`);
  }

  // The code files must at least parse: a syntax error here would only surface in a learner's browser.
  for (const file of ["starter.ts", "solution.ts", "checks.ts"]) {
    try {
      transform(readFileSync(join(dir, file), "utf8"), { transforms: ["typescript", "imports"], filePath: file });
    } catch (e) {
      throw new LessonError(name(file), `does not parse: ${(e as Error).message}`);
    }
  }
  if (!/export\s+default\b/.test(readFileSync(join(dir, "checks.ts"), "utf8"))) {
    throw new LessonError(name("checks.ts"), "must `export default defineChecks([...])`");
  }

  return { id, title, summary, order: order as number, tags: tags as string[], timeoutMs: timeoutMs as number, visualization: visualization as string, engines: engines as string[], datasets: datasets as DatasetName[] };
}

/** Every lesson under `lessonsDir`, in catalogue order. */
export function loadLessons(lessonsDir: string, options: LoadOptions): FoundLesson[] {
  if (!existsSync(lessonsDir)) throw new LessonError(lessonsDir, "the lessons folder does not exist");
  const found = readdirSync(lessonsDir)
    .sort()
    .filter((entry) => !entry.startsWith(".") && statSync(join(lessonsDir, entry)).isDirectory())
    .map((entry) => ({ dir: join(lessonsDir, entry), meta: loadLesson(join(lessonsDir, entry), options) }));
  if (found.length === 0) throw new LessonError(lessonsDir, "no lessons found");
  return found.sort((a, b) => a.meta.order - b.meta.order || a.meta.id.localeCompare(b.meta.id));
}
