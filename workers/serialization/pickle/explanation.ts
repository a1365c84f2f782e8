// What explainPickle tells about a pickle (the walk itself is explain.ts): the types learners see.

/** One call loading would make: `callee` is 'module.name', `args` the arguments as Python text. */
export interface PickleCall {
  offset: number;
  callee: string;
  args: string;
  /** "loading this would call os.system('echo pwned')" */
  sentence: string;
}

export interface PickleExplanation {
  /** True when loading would only build containers and builtin values (no import, no call). */
  safe: boolean;
  /** Every global loading would import, as 'module.name'. */
  imports: string[];
  calls: PickleCall[];
  /** The value loading would return, described in Python syntax. */
  result: string;
  /** A short account for a learner: one line per import/call, or that the pickle is plain data. */
  summary: string;
  /** Why the walk stopped early (a truncated or malformed pickle), as pickletools would say it. */
  error?: string;
}
