// A lesson's steps (front matter `steps:`): where each begins in the prose and which checks are
// its own. Validated here so that a step naming a heading or a check that is not there fails the
// build, naming the file and the line, like the rest of the front matter.
//
//   steps:
//     - title: Run your code          # a `## ` heading of the prose; the step begins there
//       checks: [Your module prints something]
//     - title: Your task
//       checks: [greet says hello by name, …]
//
// Rules: 1. every title is a `## ` heading, in the prose's order, each once; 2. the first step
// also holds the text before its heading; 3. every check of checks.ts belongs to exactly one
// step, and a step names only checks checks.ts defines; 4. a step may have no checks (a reading
// step). A lesson without `steps` is one step: the whole prose and every check.
import { createProcessor } from "@mdx-js/mdx";
import { REMARK_PLUGINS } from "./mdx-options.ts";
import { headingText, type TextNode } from "./heading-text.ts";

export interface LessonStep {
  title: string;
  /** The names of its checks, as checks.ts names them. */
  checks: string[];
}

const processor = createProcessor({ remarkPlugins: REMARK_PLUGINS });

/** The prose's `## ` headings, in order (none when the prose does not parse: checkProse says why). */
export function proseHeadings(mdx: string): string[] {
  let tree: { children?: (TextNode & { depth?: number })[] };
  try {
    tree = processor.parse(mdx) as typeof tree;
  } catch {
    return [];
  }
  return (tree.children ?? []).filter((n) => n.type === "heading" && n.depth === 2).map(headingText);
}

/**
 * The check names checks.ts gives as string literals, each as a pattern: a template literal's
 * `${…}` parts match anything, since their values are only known when the checks run. A check
 * is an object whose `name` is followed by its `hint` or `run`; other objects in the checks'
 * code have names too (`{ name: "bob" }`), and this tells them apart without running it.
 */
export function checkNamePatterns(checksSource: string): RegExp[] {
  const NAME = /\bname:\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|`((?:[^`\\]|\\.)*)`)(?=\s*,\s*(?:hint|run)\b)/g;
  const patterns: RegExp[] = [];
  for (const m of checksSource.matchAll(NAME)) {
    const text = m[1] ?? m[2] ?? m[3];
    const parts = text.replace(/\\(.)/g, "$1").split(m[3] !== undefined ? /\$\{[^}]*\}/ : /(?!)/);
    patterns.push(new RegExp(`^${parts.map(escapeRegExp).join(".+")}$`));
  }
  return patterns;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Reads `steps`, calling `fail` with each problem; undefined when there is one. */
export function readSteps(value: unknown, headings: readonly string[], checksSource: string, fail: (problem: string) => void): LessonStep[] | undefined {
  if (value === undefined) return [];
  const shape = 'each step is "- title: <a ## heading of the prose>" with "checks: [<check names>]"';
  if (!Array.isArray(value) || value.length === 0) {
    fail(`"steps" must be a list of steps: ${shape}`);
    return undefined;
  }
  let ok = true;
  const problem = (text: string) => {
    ok = false;
    fail(text);
  };
  const steps: LessonStep[] = [];
  value.forEach((raw: unknown, i) => {
    const at = `step ${i + 1}`;
    const step = raw as { title?: unknown; checks?: unknown } | null;
    const keys = step && typeof step === "object" && !Array.isArray(step) ? Object.keys(step) : null;
    const title = typeof step?.title === "string" ? step.title.trim() : "";
    const checks = step?.checks ?? [];
    if (!keys || title === "" || keys.some((k) => k !== "title" && k !== "checks") || !Array.isArray(checks) || !checks.every((c) => typeof c === "string")) {
      return problem(`"steps": ${at} is malformed: ${shape}`);
    }
    steps.push({ title, checks: checks as string[] });
  });
  if (!ok) return undefined;

  // 1. Titles are headings, in order, each once.
  let last = -1;
  for (const [i, { title }] of steps.entries()) {
    const at = headings.indexOf(title);
    if (at === -1) problem(`"steps": step ${i + 1}, "${title}", is not a "## " heading of the prose (its headings: ${headings.map((h) => `"${h}"`).join(", ") || "none"})`);
    else if (at <= last) problem(`"steps": step ${i + 1}, "${title}", comes before the previous step's heading in the prose (or repeats it); list the steps in the prose's order`);
    else last = at;
  }

  // 3. Each check belongs to one step.
  const patterns = checkNamePatterns(checksSource);
  const owner = new Map<number, number>();
  for (const [i, step] of steps.entries()) {
    for (const name of step.checks) {
      const found = patterns.findIndex((p) => p.test(name));
      if (found === -1) problem(`"steps": step ${i + 1} names the check "${name}", which checks.ts does not define`);
      else if (owner.has(found)) problem(`"steps": the check "${name}" is in step ${owner.get(found)! + 1} and step ${i + 1}; a check belongs to one step`);
      else owner.set(found, i);
    }
  }
  const unclaimed = patterns.filter((_, i) => !owner.has(i));
  if (unclaimed.length > 0) problem(`"steps": ${unclaimed.length === 1 ? "a check belongs" : `${unclaimed.length} checks belong`} to no step (${unclaimed.map((p) => `"${p.source.slice(1, -1).replace(/\\(.)/g, "$1")}"`).join(", ")}): add each to the step it tests`);
  return ok ? steps : undefined;
}
