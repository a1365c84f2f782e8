import { describe, expect, it } from "vitest";
import { seedSteps } from "./datasets.ts";
import { DATASETS, DEFAULT_ROWS } from "./dataset-names.ts";
import { BOOT_MS, silentEstimate, createProgressBar, seedPart, weightOf } from "./progress.ts";

describe("the Postgres progress bar", () => {
  it("weighs each part by its cost: the boot is a share of the bar, not 70 % of it", () => {
    const bar = createProgressBar([
      ["download", 1000],
      ["boot", 3000],
      [seedPart("feed_items"), 6000],
    ]);
    expect(bar.report("download", 1)).toBeCloseTo(0.1);
    expect(bar.report("boot", 1)).toBeCloseTo(0.4);
    expect(bar.report(seedPart("feed_items"), 0.5)).toBeCloseTo(0.7);
  });

  it("one bar across boot and seeding: seeding's own 0 % does not pull it back", () => {
    const bar = createProgressBar([
      ["boot", 1],
      [seedPart("feed_items"), 1],
    ]);
    const afterBoot = bar.report("boot", 1);
    expect(bar.report(seedPart("feed_items"), 0)).toBe(afterBoot);
  });

  it("never goes back: a part added late holds the bar still until the work catches up", () => {
    const bar = createProgressBar([[seedPart("feed_items"), 1]]);
    expect(bar.report(seedPart("feed_items"), 0.8)).toBeCloseTo(0.8);
    bar.add(seedPart("documents"), 1);
    expect(bar.report(seedPart("documents"), 0)).toBeCloseTo(0.8);
    expect(bar.report(seedPart("documents"), 0.5)).toBeCloseTo(0.8);
    expect(bar.report(seedPart("feed_items"), 1)).toBeCloseTo(0.8);
    expect(bar.report(seedPart("documents"), 0.9)).toBeCloseTo(0.95);
    expect(bar.report(seedPart("documents"), 1)).toBe(1);
  });

  it("a part's own progress never goes back either, and odd fractions are clamped", () => {
    const bar = createProgressBar([["download", 1]]);
    expect(bar.report("download", 0.6)).toBeCloseTo(0.6);
    expect(bar.report("download", 0.2)).toBeCloseTo(0.6);
    expect(bar.report("download", Number.NaN)).toBeCloseTo(0.6);
    expect(bar.report("download", 7)).toBe(1);
  });

  it("reports for a part it does not know leave it where it is", () => {
    const bar = createProgressBar([["boot", 1]]);
    expect(bar.report("download", 1)).toBe(0);
  });

  it("work that says nothing (the boot) is estimated so the bar keeps visibly moving however long it takes, never reaching its end", () => {
    const boot = (ms: number) => silentEstimate(ms, BOOT_MS);
    expect(boot(0)).toBe(0);
    expect(boot(BOOT_MS)).toBeCloseTo(0.475);
    // On a busy machine the boot takes several times its usual time: the bar must not stand still.
    for (const times of [2, 4, 8]) {
      expect(boot(BOOT_MS * (times + 1)) - boot(BOOT_MS * times), `after ${times}× its usual time`).toBeGreaterThan(0.01);
    }
    expect(boot(BOOT_MS * 1000)).toBeLessThan(0.96);
    expect(silentEstimate(1000, 0)).toBe(0);
  });

  it("seeding costs are the seed steps' own, kept in a table so the page does not load the SQL", () => {
    for (const dataset of DATASETS) {
      const steps = seedSteps(dataset, DEFAULT_ROWS[dataset], { trigram: true });
      expect(weightOf(seedPart(dataset)), dataset).toBeCloseTo(steps.reduce((sum, step) => sum + step.cost, 0));
    }
  });
});
