// Reads the recordings of the real systems (golden/README.md): from GOLDEN_DIR when set, else the
// repository's own golden/, found from this file rather than the working directory so a test
// run from any folder of a plain clone finds it. A missing file fails the test that asked for it.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";

const REPOSITORY_GOLDEN = resolve(import.meta.dirname, "..", "..", "golden");

export function goldenDir(): string {
  return process.env.GOLDEN_DIR ? resolve(process.env.GOLDEN_DIR) : REPOSITORY_GOLDEN;
}

export function readGolden<T = unknown>(file: string): T {
  return readGoldenWith(file, (text) => JSON.parse(text) as T);
}

/**
 * Reads a recording with a parser of the test's own, for a file whose numbers JSON.parse cannot
 * keep (validation.json: 4.0 is a Python float there, and some ints pass 2^53).
 */
export function readGoldenWith<T>(file: string, parse: (text: string) => T): T {
  const path = join(goldenDir(), file);
  try {
    return parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new Error(`cannot read the recording ${path}: ${(e as Error).message}`, { cause: e });
  }
}

/**
 * Replays every case and collects the first lines of each failure, so one run reports every
 * disagreement rather than the first.
 */
export async function disagreements<C>(cases: readonly C[], replay: (c: C) => Promise<void>): Promise<string[]> {
  const failures: string[] = [];
  for (const c of cases) {
    try {
      await replay(c);
    } catch (e) {
      failures.push((e as Error).message.split("\n").slice(0, 12).join("\n"));
    }
  }
  return failures;
}
