// Learner TypeScript → CommonJS that the evaluator can run. sucrase keeps every line where it
// was, so a line number in a stack trace is a line number in the learner's editor.
import { transform } from "sucrase";

export class CompileError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = "SyntaxError";
  }
}

// sucrase silently drops value `namespace` blocks and passes decorators through untouched (the
// JavaScript engine then rejects them without a line number). Say so at the line instead.
const UNSUPPORTED: { pattern: RegExp; message: string }[] = [
  {
    pattern: /^\s*(export\s+)?(namespace|module)\s+[A-Za-z_$][\w$.]*\s*\{/,
    message: "namespace blocks are not supported in the playground (its TypeScript compiler, sucrase, drops them); use a plain object or module-level exports",
  },
  {
    pattern: /^\s*@[A-Za-z_$][\w$.]*(\(|\s*$|\s+(export\s+)?(abstract\s+)?class\b)/,
    message: "decorators are not supported in the playground (its TypeScript compiler, sucrase, does not transform them); call the function on the class or method instead",
  },
];

function rejectUnsupported(source: string): void {
  const lines = source.split("\n");
  for (let i = 0; i < lines.length; i++) {
    for (const { pattern, message } of UNSUPPORTED) {
      if (pattern.test(lines[i])) throw new CompileError(message, i + 1, lines[i].search(/\S/) + 1);
    }
  }
}

export function transpile(source: string, filePath: string): string {
  rejectUnsupported(source);
  try {
    return transform(source, { transforms: ["typescript", "imports"], filePath, production: true }).code;
  } catch (e) {
    const err = e as Error & { loc?: { line: number; column: number } };
    if (!err.loc) throw e;
    // sucrase ends its message with "(line:column)"; the marker carries the position instead.
    const message = err.message.replace(/\s*\(\d+:\d+\)$/, "");
    throw new CompileError(message, err.loc.line, err.loc.column + 1);
  }
}
