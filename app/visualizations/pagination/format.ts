// Numbers as the visualization prints them.
import { DURATION, formatDuration } from "../../format/duration";

const whole = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

export const count = (n: number): string => whole.format(n);

const MILLIS = { ...DURATION.query, bare: true };

/** Milliseconds to about three significant digits, without the unit (app/format/duration.ts). */
export const millis = (n: number): string => formatDuration(n, MILLIS);

/** The same with the unit: 2.50 ms, 25.0 ms, 1,250 ms. */
export const ms = (n: number): string => formatDuration(n, DURATION.query);

/** 0, 10k, 100k, 1M: depth ticks. */
export function short(n: number): string {
  if (n >= 1_000_000) return `${+(n / 1_000_000).toFixed(2)}M`;
  if (n >= 1_000) return `${+(n / 1_000).toFixed(2)}k`;
  return String(n);
}
