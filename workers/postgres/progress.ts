// One progress bar across everything between opening a Postgres lesson and a Run that can start:
// downloading PGlite, booting it, seeding each dataset. Each part is weighed by roughly how long
// it takes, so the bar moves at about the pace of the wait instead of filling once per part and
// starting again; and it only moves forward (a part added late, such as a second lesson's
// dataset, holds it still until the work catches up, rather than pulling it back).
import { SEED_COST, type DatasetName } from "./dataset-names.ts";

/**
 * The download's and the boot's weights, in the seed steps' unit (datasets.ts: about ms in Node).
 * Measured in Chromium on a busy 2-core machine, opening pagination took 5 s of download (15.6 MB
 * from localhost, compiling as it came), 23 s of boot and 11 s seeding feed_items (3,205 units);
 * on a network the download takes longer. So the boot weighs about one and a half feeds.
 */
export const DOWNLOAD_MS = 2000;
export const BOOT_MS = 5000;

export type PartKey = "download" | "boot" | `seed:${DatasetName}`;

export const seedPart = (dataset: DatasetName): PartKey => `seed:${dataset}`;

/** What a part weighs, in the seed steps' unit (seeding from a table, so the page need not load datasets.ts). */
export function weightOf(key: PartKey): number {
  if (key === "download") return DOWNLOAD_MS;
  if (key === "boot") return BOOT_MS;
  return SEED_COST[key.slice("seed:".length) as DatasetName];
}

export interface ProgressBar {
  /** Adds a part still to do (no change if it is there already). */
  add(key: PartKey, weight: number): void;
  /** `key` is `fraction` done; answers the bar's value, 0..1, never below what it answered before. */
  report(key: PartKey, fraction: number): number;
}

export function createProgressBar(parts: [PartKey, number][] = []): ProgressBar {
  const weights = new Map<PartKey, number>();
  const done = new Map<PartKey, number>();
  let shown = 0;
  const bar: ProgressBar = {
    add(key, weight) {
      if (!weights.has(key)) weights.set(key, Math.max(0, weight));
    },
    report(key, fraction) {
      if (!weights.has(key)) return shown;
      const clamped = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
      done.set(key, Math.max(done.get(key) ?? 0, clamped));
      let total = 0;
      let reached = 0;
      for (const [k, w] of weights) {
        total += w;
        reached += w * (done.get(k) ?? 0);
      }
      shown = Math.max(shown, total > 0 ? reached / total : 0);
      return shown;
    },
  };
  for (const [key, weight] of parts) bar.add(key, weight);
  return bar;
}

/**
 * How far work that says nothing until it is done (the boot, one seed step such as building the
 * GIN index) has likely got after `elapsedMs`, when it usually takes `usualMs`. On a busy machine
 * it takes several times that, so the estimate keeps moving however long it takes, ever more
 * slowly (t / (t + usual): half at the usual time, not an exponential that stands still after a
 * few), and never reaches the end: only the work's own end does.
 */
export function silentEstimate(elapsedMs: number, usualMs: number): number {
  const t = Math.max(0, elapsedMs);
  return usualMs > 0 ? (0.95 * t) / (t + usualMs) : 0;
}
