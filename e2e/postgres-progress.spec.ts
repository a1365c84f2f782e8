// Starting Postgres says the truth: one bar across download, boot and seeding that only moves
// forward and does not stand still while work goes on, and a status that says what a Run would
// wait for while Postgres starts and the data loads.
import { test, expect, openLesson, status } from "./fixtures";

interface Sample {
  /** ms since the page started. */
  t: number;
  /** Where the bar is drawn, 0..1 (its value over its max). */
  drawn: number;
  label: string;
  status: string;
}

declare global {
  interface Window {
    progressSamples?: Sample[];
  }
}

/** Longest the bar may stand still while Postgres works (its boot, a seed step) on a busy machine. */
const STILL_MS = 4000;

test("the Postgres bar only moves forward from download to the last seeded row, never stands still, and the status says what Run will wait for", async ({ page }) => {
  test.setTimeout(180_000);
  // Sampled from the page's first moment, every 50 ms, until the bar is gone.
  await page.addInitScript(() => {
    const samples: Sample[] = [];
    window.progressSamples = samples;
    setInterval(() => {
      const bar = document.getElementById("postgres-progress") as HTMLProgressElement | null;
      if (!bar) return;
      samples.push({
        t: performance.now(),
        drawn: bar.value / bar.max,
        label: document.querySelector(`label[for="postgres-progress"]`)?.textContent ?? "",
        status: document.querySelector('[role="status"]')?.textContent ?? "",
      });
    }, 50);
  });

  await openLesson(page, "#/lessons/pagination");
  await expect(page.getByLabel("Database")).toContainText("Postgres is ready", { timeout: 120_000 });
  await expect(status(page)).toHaveText("Ready: press Run or Ctrl+Enter");

  const samples = await page.evaluate(() => window.progressSamples!);
  expect(samples.length, "samples of the bar while Postgres started").toBeGreaterThan(20);
  // Soft, so a build that gets several of these wrong says so for each.
  let back: string | null = null;
  let still = { ms: 0, label: "" };
  let stillSince = samples[0];
  for (let i = 1; i < samples.length; i++) {
    const [before, after] = [samples[i - 1], samples[i]];
    if (back === null && after.drawn < before.drawn) {
      back = `from "${before.label}" to "${after.label}"`;
    }
    if (after.drawn !== stillSince.drawn) stillSince = after;
    else if (after.t - stillSince.t > still.ms) still = { ms: Math.round(after.t - stillSince.t), label: after.label };
  }
  expect.soft(back, "the bar went back").toBeNull();
  expect.soft(still.ms, `the bar stood still at "${still.label}"`).toBeLessThan(STILL_MS);

  // It covered the whole wait on its way: seeding started well past 0 and ended near 100.
  const seeding = samples.filter((s) => /^(Creating|Loading|Indexing|Analyzing) feed_items/.test(s.label));
  expect(seeding.length, "samples while feed_items was seeded").toBeGreaterThan(3);
  expect.soft(seeding[0].drawn, "where the bar was when seeding started").toBeGreaterThan(0.1);
  expect.soft(seeding.at(-1)!.drawn, "where the bar was when seeding ended").toBeGreaterThan(0.8);

  // The status does not claim a Run could start now: it says what a Run would wait for.
  const starting = samples.filter((s) => /^(Downloading|Starting) Postgres/.test(s.label));
  expect(starting.length, "samples while Postgres started").toBeGreaterThan(3);
  const wrong = (list: Sample[], said: string) => list.find((s) => s.status !== said) ?? null;
  expect.soft(wrong(starting, "Run will wait for Postgres and its data"), "the status while Postgres started").toBeNull();
  expect.soft(wrong(seeding, "Run will wait for the data to finish loading"), "the status while the data loaded").toBeNull();
});
