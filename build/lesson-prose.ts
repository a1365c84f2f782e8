// Checks a lesson's prose as the build will read it, so that a mistake fails the build naming
// its line instead of reaching a learner's page:
//
// - MDX that does not parse (a tag or a brace never closed);
// - a component's attribute left outside its tag. SideBySide once took its code as attributes
//   (python={`…`} typescript={`…`} caption={`…`}); when the code moved into fenced blocks, one
//   lesson kept the end of an attribute and the whole caption attribute inside a fence, and its
//   page showed them as code. Attribute syntax inside a code block, or loose in the text, is
//   that mistake wherever it lands: the attribute belongs on the tag.
import { createProcessor } from "@mdx-js/mdx";
import { REMARK_PLUGINS } from "./mdx-options.ts";

export interface ProseProblem {
  line: number;
  problem: string;
}

/** The little of an MDX syntax tree (mdast) these checks read. */
interface MdNode {
  type: string;
  value?: string;
  lang?: string | null;
  position?: { start: { line: number; offset?: number } };
  children?: MdNode[];
}

/** Languages in which `name={…}` is what the sample means to show. */
const JSX_LANGUAGES = new Set(["jsx", "tsx", "mdx", "md", "markdown"]);

// `caption={`: an attribute whose value is a template literal. No other language writes `={` + backtick.
const TEMPLATE_ATTRIBUTE = /\b[A-Za-z][\w-]*=\{`/;
// `});`}`: a line closing an attribute's template literal that opened on an earlier line.
const TEMPLATE_ATTRIBUTE_END = /^[^{]*`\}\s*(\/?>)?\s*$/;
// `type="tip"`: attribute syntax at the start of a line of text.
const ATTRIBUTE_LINE = /^\s*[A-Za-z][\w-]*=["'`]/;
// `name=` just before a {…} expression, which MDX reads as the attribute's value.
const ATTRIBUTE_BEFORE_EXPRESSION = /(?:^|\s)([A-Za-z][\w-]*=)$/;
// What is left of a tag or an attribute when its start is gone: `}`, `` `} ``, `/>`.
const TAG_REMNANT = /^\s*(`?\}\s*\/?>?|\/>)\s*$/;

const processor = createProcessor({ remarkPlugins: REMARK_PLUGINS });

export function checkProse(source: string): ProseProblem[] {
  let tree: MdNode;
  try {
    tree = processor.parse(source) as MdNode;
  } catch (e) {
    return [unparsable(e)];
  }
  const problems: ProseProblem[] = [];
  visit(tree, source, problems);
  return problems.sort((a, b) => a.line - b.line);
}

function visit(node: MdNode, source: string, problems: ProseProblem[]): void {
  if (node.type === "code") checkCode(node, source, problems);
  const children = node.children ?? [];
  children.forEach((child, i) => {
    const next = children[i + 1];
    if (child.type === "text") {
      // Only a text that opens its paragraph starts a line; later ones follow inline code or links.
      checkText(child, i === 0, problems);
      const attribute = next?.type === "mdxTextExpression" ? ATTRIBUTE_BEFORE_EXPRESSION.exec(child.value ?? "") : null;
      if (attribute) problems.push({ line: lineOf(next), problem: `${quote(`${attribute[1]}{${next.value}}`)} in the text ${OUTSIDE_ITS_TAG}` });
    }
    visit(child, source, problems);
  });
}

const OUTSIDE_ITS_TAG = "is a component's attribute outside its tag: move it into the component's tag, or delete it";

function checkCode(node: MdNode, source: string, problems: ProseProblem[]): void {
  if (JSX_LANGUAGES.has(node.lang ?? "")) return;
  const start = node.position?.start;
  if (!start) return;
  // A fenced block's code starts on the line after its fence; an indented block's on its first.
  const fenced = /^\s*(```|~~~)/.test(source.slice(start.offset ?? 0));
  const first = start.line + (fenced ? 1 : 0);
  (node.value ?? "").split("\n").forEach((text, i) => {
    const line = first + i;
    if (TEMPLATE_ATTRIBUTE.test(text)) {
      problems.push({ line, problem: `the code block holds a component's attribute, ${quote(text)}: move it back onto the component's tag (a caption goes in <SideBySide caption="…">) and keep only code in the block` });
    } else if (TEMPLATE_ATTRIBUTE_END.test(text)) {
      problems.push({ line, problem: `the code block line ${quote(text)} ends in "\`}", which closes a component's attribute ({\`…\`}), not code: delete it` });
    }
  });
}

function checkText(node: MdNode, startsLine: boolean, problems: ProseProblem[]): void {
  (node.value ?? "").split("\n").forEach((text, i) => {
    if (i === 0 && !startsLine) return;
    const line = lineOf(node) + i;
    if (ATTRIBUTE_LINE.test(text)) {
      problems.push({ line, problem: `${quote(text)} in the text ${OUTSIDE_ITS_TAG}` });
    } else if (TAG_REMNANT.test(text)) {
      problems.push({ line, problem: `${quote(text)} in the text is what is left of a component's tag or attribute: delete it, or complete the tag` });
    }
  });
}

/** A line of the lesson as the message shows it: trimmed, and cut short when long. */
function quote(text: string): string {
  const t = text.trim();
  return `"${t.length > 50 ? `${t.slice(0, 49)}…` : t}"`;
}

function lineOf(node: MdNode): number {
  return node.position?.start.line ?? 1;
}

/** MDX's own message for a parse error, its position moved out of the sentence into the line. */
function unparsable(e: unknown): ProseProblem {
  const error = e as { reason?: string; message?: string; line?: number; place?: { line?: number; start?: { line: number } } };
  const reason = error.reason ?? error.message ?? String(e);
  const inSentence = /\s*\((\d+):\d+(?:-\d+:\d+)?\)/.exec(reason);
  const line = error.line ?? error.place?.start?.line ?? error.place?.line ?? (inSentence ? Number(inSentence[1]) : 1);
  return { line, problem: `the prose is not valid MDX: ${inSentence ? reason.replace(inSentence[0], "") : reason}` };
}
