// Cuts a lesson's prose into its steps (front matter `steps:`, build/lesson-steps.ts): the text
// from one step's `## ` heading to the next step's is wrapped in <ProseSection step="n">, the
// text before the first heading going to the first step. The page (app/lesson/steps/) shows the
// current step's section. A lesson without steps is left as it is: one step, shown whole.
// The build has validated the titles already; a title not found here only leaves its text in the
// step before.
import { parse } from "yaml";
import { headingText, type TextNode } from "./heading-text.ts";

interface Node extends TextNode {
  depth?: number;
  children?: Node[];
  [key: string]: unknown;
}

function stepTitles(tree: Node): string[] {
  const yaml = tree.children?.find((n) => n.type === "yaml");
  try {
    const steps = (parse(String(yaml?.value ?? "")) as { steps?: unknown } | null)?.steps;
    return Array.isArray(steps) ? steps.map((s: { title?: unknown } | null) => String(s?.title ?? "").trim()) : [];
  } catch {
    return [];
  }
}

function section(step: number, children: Node[]): Node {
  return { type: "mdxJsxFlowElement", name: "ProseSection", attributes: [{ type: "mdxJsxAttribute", name: "step", value: String(step) }], children };
}

export function remarkStepSections() {
  return (tree: Node) => {
    const titles = stepTitles(tree);
    if (titles.length === 0) return;
    const out: Node[] = [];
    const sections: Node[][] = titles.map(() => []);
    let step = 0;
    for (const child of tree.children ?? []) {
      // Front matter and imports stay at the top level, where MDX expects them.
      if (child.type === "yaml" || child.type === "mdxjsEsm") {
        out.push(child);
        continue;
      }
      if (child.type === "heading" && child.depth === 2 && headingText(child) === titles[step + 1]) step += 1;
      sections[step].push(child);
    }
    tree.children = [...out, ...sections.map((children, i) => section(i, children))];
  };
}
