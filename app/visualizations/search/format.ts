import { DURATION, formatDuration } from "../../format/duration";

const count = new Intl.NumberFormat("en-US");

export const formatCount = (n: number) => count.format(Math.round(n));

/** A statement's time: 2.5 ms, 250 ms, 2.5 s (app/format/duration.ts). */
export const formatMs = (ms: number): string => formatDuration(ms, DURATION.statement);

/** The first ids of a list, and how many more there are. */
export function idList(ids: readonly number[], total: number, shown = 12): string {
  if (total === 0) return "—";
  const head = ids.slice(0, shown).join(", ");
  return total > shown ? `${head}, … (${formatCount(total - Math.min(shown, ids.length))} more)` : head;
}
