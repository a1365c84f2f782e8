// Reads a lesson's front matter: the YAML between the `---` lines at the top of lesson.mdx.
// Every line it gives is a line of the file, not of the YAML inside it.
import { CST, isMap, isScalar, LineCounter, Parser, parseDocument, type YAMLError } from "yaml";

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;
/** The YAML starts on the line after the opening `---`. */
const YAML_FIRST_LINE = 2;

export interface FrontMatter {
  data: unknown;
  /** The line of a top-level field, or of the opening `---` when the field is not there. */
  lineOf(key: string): number;
}

export type FrontMatterResult = { ok: true; frontMatter: FrontMatter } | { ok: false; line: number; problem: string };

function splitFrontMatter(source: string): { yaml: string; body: string } | null {
  const m = FRONT_MATTER.exec(source);
  return m ? { yaml: m[1], body: source.slice(m[0].length) } : null;
}

export function readFrontMatter(source: string): FrontMatterResult {
  const split = splitFrontMatter(source);
  if (!split) {
    return { ok: false, line: 1, problem: "front matter is missing: start the file with a '---' line, the YAML fields, and another '---' line" };
  }
  const lines = new LineCounter();
  const doc = parseDocument(split.yaml, { lineCounter: lines });
  const fileLine = (offset: number) => lines.linePos(offset).line + YAML_FIRST_LINE - 1;
  // One mistake often sets off several errors; the first names it.
  const [error] = doc.errors;
  if (error) {
    return { ok: false, line: fileLine(whereItWentWrong(split.yaml, error)), problem: `front matter is not valid YAML: ${describe(error)}` };
  }
  const keyLines = new Map<string, number>();
  if (isMap(doc.contents)) {
    for (const { key } of doc.contents.items) {
      if (isScalar(key) && key.range) keyLines.set(String(key.value), fileLine(key.range[0]));
    }
  }
  return { ok: true, frontMatter: { data: doc.toJS(), lineOf: (key) => keyLines.get(key) ?? 1 } };
}

/** The YAML library's sentence without its position and the source excerpt it ends with. */
function describe(error: YAMLError): string {
  const [sentence] = error.message.split("\n");
  return sentence.replace(/ at line \d+, column \d+:?$/, "").replace(/:$/, "");
}

/**
 * An unclosed quote or bracket is noticed where the YAML ends, lines after the mistake; the
 * mistake is where that quote or bracket opened. Any other error is where the library says.
 */
function whereItWentWrong(yaml: string, error: YAMLError): number {
  const at = error.pos[0];
  if (!/^Missing closing|end with a [\]}]/.test(error.message)) return at;
  let opened = at;
  for (const token of new Parser().parse(yaml)) {
    if (token.type !== "document") continue;
    CST.visit(token, ({ value }) => {
      if (!value || !("offset" in value) || value.offset > at) return;
      if (value.type === "double-quoted-scalar" || value.type === "single-quoted-scalar" || value.type === "flow-collection") {
        opened = value.offset;
      }
    });
  }
  return opened;
}
