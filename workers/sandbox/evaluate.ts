// Runs transpiled CommonJS as a module and returns its exports. Named with a sourceURL so stack
// frames read `learner.ts:LINE:COL`, and wrapped on the code's own first line so LINE is exact.
export class ModuleNotFoundError extends Error {
  constructor(
    readonly specifier: string,
    available: string[],
  ) {
    super(`Cannot find module '${specifier}'. Lesson code can import: ${available.join(", ")}`);
    this.name = "Error";
  }
}

export interface EvaluateOptions {
  filename: string;
  modules: Record<string, unknown>;
  console: Console;
}

export const HEADER = "(async function (exports, require, module, console) {";

/** The `require` a module is given: the playground modules of its run, nothing else. */
export function requireFrom(modules: Record<string, unknown>): (specifier: string) => unknown {
  return (specifier) => {
    if (Object.hasOwn(modules, specifier)) return modules[specifier];
    throw new ModuleNotFoundError(specifier, Object.keys(modules));
  };
}

/** Evaluates trusted code (a lesson's checks, or learner code in Node tests) in this realm. */
export async function evaluateModule(code: string, options: EvaluateOptions): Promise<Record<string, unknown>> {
  const module = { exports: {} as Record<string, unknown> };
  const require = requireFrom(options.modules);
  // Indirect eval: the code sees the global scope only, never this module's variables.
  const fn = (0, eval)(`${HEADER}${code}\n})\n//# sourceURL=${options.filename}`) as (
    exports: unknown,
    require: unknown,
    module: unknown,
    console: Console,
  ) => Promise<void>;
  await fn.call(undefined, module.exports, require, module, options.console);
  return module.exports;
}

/** Where in `filename` an error was thrown, from its stack: the innermost frame in that file. */
export function locateError(error: unknown, filename: string): { line: number; column: number } | null {
  let stack: unknown;
  try {
    // A learner may throw anything, with a `stack` getter that throws or is not a string.
    stack = error instanceof Error ? error.stack : undefined;
  } catch {
    return null;
  }
  if (typeof stack !== "string") return null;
  const escaped = filename.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const m = new RegExp(`${escaped}:(\\d+):(\\d+)`).exec(stack);
  if (!m) return null;
  const line = Number(m[1]);
  let column = Number(m[2]);
  if (line === 1) column = Math.max(1, column - HEADER.length);
  return { line, column };
}
