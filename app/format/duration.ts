// Durations as the page prints them, from milliseconds. One rule for all of them: the duration in
// milliseconds below a second and in seconds from a second on (or in the one unit a style has),
// "4 min 58 s" from a minute on where the style counts like a clock, and as many decimals as the
// number's size calls for — a style says how many for each power of ten. The styles are the
// page's, each where it has been used; a new place picks one of them before it adds another.

/**
 * Decimals by the size of the number in its unit: entry i holds for numbers below 10^i (the
 * first entry below 1, the second below 10, …), the last entry for every larger number too.
 */
type DecimalsBySize = readonly number[];

export interface DurationStyle {
  /** Decimals in milliseconds; a style without it always prints seconds. */
  ms?: DecimalsBySize;
  /** Decimals in seconds, from a second on; a style without it always prints milliseconds. */
  s?: DecimalsBySize;
  /** From a minute on, whole minutes and seconds ("4 min 58 s"), and from an hour on hours ("1 h 0 min 4 s"). */
  clock?: boolean;
  /** A whole number with thousands separators ("1,250 ms"). */
  grouped?: boolean;
  /** Zeros at the end of the decimals: kept ("2.50", the default), dropped ("2.5", "2"), or all the decimals dropped when the number is whole ("2", but "2.0" for 2.04). */
  zeros?: "keep" | "drop" | "whole";
  /** The number alone, without its unit (a table column whose heading says the unit). */
  bare?: boolean;
}

export const DURATION = {
  /** A step of a run (run timeline, middleware onion): 0.25 ms, 2.5 ms, 250 ms, 12345 ms. */
  step: { ms: [2, 1, 0] },
  /** A search statement: 0.5 ms, 2.5 ms, 250 ms, 2.5 s, 25 s. */
  statement: { ms: [1, 1, 0], s: [1, 1, 0] },
  /** A query's time at some depth (pagination), about three significant digits: 0.25 ms, 2.50 ms, 25.0 ms, 1,250 ms. */
  query: { ms: [2, 2, 1, 0], grouped: true },
  /** A span a person reads (caching: TTLs, the run and lesson clocks): 0.3 ms, 412 ms, 2.4 s, 4 min 58 s, 1 h 0 min 4 s. */
  span: { ms: [1, 0], s: [1], clock: true },
  /** A latency percentile (caching): 0.25 ms, 2.50 ms, 25 ms. */
  latency: { ms: [2, 2, 0] },
  /** A tick on a time axis (caching): 0.25 s, 1.5 s, 2 s. */
  tick: { s: [2], zeros: "drop" },
  /** A moment or a wait on an event loop's virtual clock (tasks): 0 ms, 915.8 ms, 1.25 s, 70.45 s. */
  loop: { ms: [1], s: [2], zeros: "drop" },
  /** A lesson's time limit (the run status): 5 s, 2.5 s. */
  limit: { s: [1], zeros: "whole" },
} as const satisfies Record<string, DurationStyle>;

const thousands = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** `ms` milliseconds in a style (see DURATION). */
export function formatDuration(ms: number, style: DurationStyle): string {
  // Written as "not below a minute" so NaN reads as a clock too, as it always has.
  if (style.clock && !(ms < 60_000)) return clockTime(ms);
  const seconds = style.ms === undefined || (style.s !== undefined && ms >= 1_000);
  const n = seconds ? ms / 1_000 : ms;
  const text = numberText(n, decimalsFor(n, seconds ? style.s! : style.ms!), style);
  return style.bare ? text : `${text} ${seconds ? "s" : "ms"}`;
}

function decimalsFor(n: number, bySize: DecimalsBySize): number {
  let i = 0;
  while (i < bySize.length - 1 && !(n < 10 ** i)) i++;
  return bySize[i];
}

function numberText(n: number, decimals: number, style: DurationStyle): string {
  if (decimals === 0) return style.grouped ? thousands.format(n) : String(Math.round(n));
  if (style.zeros === "drop") return String(+n.toFixed(decimals));
  if (style.zeros === "whole" && Number.isInteger(n)) return String(n);
  return n.toFixed(decimals);
}

/** 4 min 58 s, 1 h 0 min 4 s: whole seconds, cut (not rounded). */
function clockTime(ms: number): string {
  const s = Math.floor(ms / 1_000);
  if (s < 3_600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3_600)} h ${Math.floor((s % 3_600) / 60)} min ${s % 60} s`;
}
