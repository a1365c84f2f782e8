const count = new Intl.NumberFormat("en-US");

export const formatCount = (n: number) => count.format(Math.round(n));

export function formatMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(ms >= 10_000 ? 0 : 1)} s`;
  return `${ms >= 10 ? Math.round(ms) : ms.toFixed(1)} ms`;
}

/** The first ids of a list, and how many more there are. */
export function idList(ids: readonly number[], total: number, shown = 12): string {
  if (total === 0) return "—";
  const head = ids.slice(0, shown).join(", ");
  return total > shown ? `${head}, … (${formatCount(total - Math.min(shown, ids.length))} more)` : head;
}
