// Durations as a person reads them: 0.3 ms, 412 ms, 2.4 s, 4 min 58 s, 1 h 0 min 4 s.
export function formatDuration(ms: number): string {
  if (ms < 1) return `${ms.toFixed(1)} ms`;
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  const s = Math.floor(ms / 1_000);
  if (s < 3_600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3_600)} h ${Math.floor((s % 3_600) / 60)} min ${s % 60} s`;
}

export function formatLatency(ms: number | null): string {
  if (ms === null) return "—";
  return ms < 10 ? `${ms.toFixed(2)} ms` : `${Math.round(ms)} ms`;
}

/** An axis tick on the run clock, in seconds. */
export function formatTick(ms: number): string {
  return ms === 0 ? "0" : `${+(ms / 1_000).toFixed(2)} s`;
}
