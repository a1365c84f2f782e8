// The grammar of golden/asyncio.json (its `schema` field is the full description): coroutines as
// lists of steps, thread bodies, shared objects, and what CPython 3.11 logged running them.
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

// A step is an object named by its operation key; the interpreter reads it field by field.
export type Step = { [op: string]: Json | undefined };

export interface ExceptClause {
  type: string;
  do?: Step[];
}

export interface ObjectSpec {
  type: "queue" | "event" | "lock" | "future";
  maxsize?: number;
  owner?: string;
}

export interface GoldenCase {
  name: string;
  kind: string;
  description: string;
  coros: Record<string, Step[]>;
  threads?: Record<string, Step[]>;
  objects?: Record<string, ObjectSpec>;
  expect: { events: string[]; result: string; tasks: Record<string, string> };
}

export interface GoldenFile {
  schema: unknown;
  recorded_with: { switch_interval_s: number; time_scale: number };
  cases: GoldenCase[];
}

/** The recorder stretched case time, not the GIL's switch interval: its length in case ms. */
export function switchIntervalMs(file: GoldenFile): number {
  return ms(file.recorded_with.switch_interval_s / file.recorded_with.time_scale);
}

/** Case seconds (multiples of 0.01) as the engine's milliseconds. */
export function ms(seconds: Json | undefined): number {
  return Math.round(Number(seconds) * 1e6) / 1e3;
}
