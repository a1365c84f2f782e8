// Numbers as the visualization prints them.
const whole = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

export const count = (n: number): string => whole.format(n);

/** Milliseconds to about three significant digits, without the unit. */
export function millis(n: number): string {
  return n >= 100 ? whole.format(n) : n >= 10 ? n.toFixed(1) : n.toFixed(2);
}

export const ms = (n: number): string => `${millis(n)} ms`;

/** 0, 10k, 100k, 1M: depth ticks. */
export function short(n: number): string {
  if (n >= 1_000_000) return `${+(n / 1_000_000).toFixed(2)}M`;
  if (n >= 1_000) return `${+(n / 1_000).toFixed(2)}k`;
  return String(n);
}
