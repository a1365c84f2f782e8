// A mistake in a lesson is its author's to fix, not a fault of the build, so it is reported as
// `file:line: problem`, one line per problem, and without a stack trace: the stack would show
// only the validator's own frames and bury the line that matters.

export interface LessonProblem {
  /** The file, relative to the repository. */
  file: string;
  /** A line of that file (1-based); absent when the problem is the file as a whole. */
  line?: number;
  problem: string;
}

export function formatProblem({ file, line, problem }: LessonProblem): string {
  return `${line === undefined ? file : `${file}:${line}`}: ${problem}`;
}

export class LessonError extends Error {
  declare readonly problems: readonly LessonProblem[];

  constructor(problems: readonly LessonProblem[]) {
    super(problems.map(formatProblem).join("\n"));
    // Not enumerable, so printing the error does not list the problems a second time.
    Object.defineProperty(this, "problems", { value: problems });
    this.stack = this.message;
  }
}
LessonError.prototype.name = "LessonError";

/** Problems of one file, added as they are found. */
export class ProblemList {
  readonly problems: LessonProblem[] = [];

  constructor(private readonly file: string) {}

  add(problem: string, line?: number): void {
    this.problems.push({ file: this.file, line, problem });
  }
}
