// Room to see: the toolbar stays still, the visualization can be given the room it needs (and
// that is remembered), prose code and tables never clip sideways, and welcome's timeline labels
// are not cut off.
import { readdirSync, readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { test, expect, openLesson, runCode, setCode, status, visualization } from "./fixtures";

const LESSONS = readdirSync("lessons", { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);
const WIDE = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

const runButton = (page: Page) => page.getByRole("button", { name: "Run", exact: true });

for (const viewport of [WIDE, PHONE]) {
  test(`Run does not move before, during or after a run (${viewport.width}×${viewport.height})`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await openLesson(page);
    // Busy for a moment (so "Running…" is on screen), then fail with a long first line.
    await setCode(page, `const until = Date.now() + 1500;\nwhile (Date.now() < until) {}\nthrow new Error("${"a long message that fills the status line ".repeat(3)}");\n`);
    const before = await runButton(page).boundingBox();
    await runButton(page).click();
    await expect(status(page)).toHaveText("Running…");
    const during = await runButton(page).boundingBox();
    await expect(status(page)).toContainText("a long message");
    const after = await runButton(page).boundingBox();
    expect(during).toEqual(before);
    expect(after).toEqual(before);
  });
}

test("at 1440×900 the visualization has room, can be enlarged, and keeps it across a reload", async ({ page }) => {
  await page.setViewportSize(WIDE);
  await openLesson(page);
  const viz = visualization(page);
  const height = async () => (await viz.boundingBox())!.height;
  const normal = await height();
  expect(normal, "the visualization's default height at 1440×900").toBeGreaterThan(380);

  const enlarge = page.getByRole("button", { name: "Enlarge visualization" });
  await expect(enlarge).toHaveAttribute("aria-pressed", "false");
  // By keyboard, as a keyboard user would.
  await enlarge.focus();
  await page.keyboard.press("Enter");
  await expect(enlarge).toHaveAttribute("aria-pressed", "true");
  expect(await height()).toBeGreaterThan(normal + 150);
  for (const name of ["Output", "Checks"]) await expect(page.getByRole("button", { name, exact: true })).toHaveAttribute("aria-expanded", "false");

  await page.reload();
  await expect(enlarge).toHaveAttribute("aria-pressed", "true");
  expect(await height()).toBeGreaterThan(normal + 150);

  // Opening Checks gives the other panes their room back.
  await page.getByRole("button", { name: "Checks", exact: true }).click();
  await expect(enlarge).toHaveAttribute("aria-pressed", "false");
  await expect(page.getByRole("button", { name: "Checks", exact: true })).toHaveAttribute("aria-expanded", "true");
  expect(Math.abs((await height()) - normal)).toBeLessThan(2);
});

test("a pane folds to its title by keyboard, and stays folded across a reload", async ({ page }) => {
  await page.setViewportSize(WIDE);
  await openLesson(page);
  const output = page.getByRole("button", { name: "Output", exact: true });
  await output.focus();
  await page.keyboard.press("Space");
  await expect(output).toHaveAttribute("aria-expanded", "false");
  await expect(page.getByText("What your code prints with console.log appears here.")).toBeHidden();
  await page.reload();
  await expect(output).toHaveAttribute("aria-expanded", "false");
  expect((await page.getByRole("region", { name: "Output" }).boundingBox())!.height).toBeLessThan(50);
});

/** Every prose code block and table either fits or is a focusable, named region that scrolls. */
async function clippedBoxes(page: Page): Promise<string[]> {
  return page.locator(".prose pre, .prose table").evaluateAll((elements) =>
    elements.flatMap((el) => {
      const box = el.tagName === "TABLE" ? (el.parentElement as HTMLElement) : (el as HTMLElement);
      if (box.scrollWidth <= box.clientWidth + 1) return [];
      const scrolls = ["auto", "scroll"].includes(getComputedStyle(box).overflowX);
      const reachable = box.tabIndex === 0 && !!box.getAttribute("aria-label") && box.getAttribute("role") === "region";
      return scrolls && reachable ? [] : [`${el.tagName.toLowerCase()}: ${(el.textContent ?? "").slice(0, 50)}`];
    }),
  );
}

for (const viewport of [WIDE, PHONE]) {
  test(`prose code blocks and tables are never clipped sideways (${viewport.width}×${viewport.height})`, async ({ page }) => {
    // Every step of every lesson.
    test.slow();
    await page.setViewportSize(viewport);
    for (const id of LESSONS) {
      await openLesson(page, `#/lessons/${id}`);
      // On a phone the lesson text is folded to its current step above the editor (PhoneLesson).
      if (viewport === PHONE) await page.getByRole("region", { name: "Lesson" }).locator("summary").click();
      await expect(page.locator(".prose h2").first()).toBeVisible();
      expect(await clippedBoxes(page), id).toEqual([]);
      // A lesson in steps shows one step's prose at a time: each of the others too.
      const steps = page.getByRole("navigation", { name: "Steps" }).getByRole("button");
      for (let i = 1; i < (await steps.count()); i++) {
        await steps.nth(i).click();
        await expect(steps.nth(i)).toHaveAttribute("aria-current", "step");
        expect(await clippedBoxes(page), `${id}, step ${i + 1}`).toEqual([]);
      }
    }
  });
}

for (const viewport of [WIDE, PHONE]) {
  test(`welcome's run timeline shows every step's whole name inside its picture (${viewport.width}×${viewport.height})`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await openLesson(page);
    await runCode(page, readFileSync("lessons/welcome/solution.ts", "utf8"));
    await expect(status(page)).toHaveText("All checks passed");
    const svg = visualization(page).locator("svg").first();
    const frame = (await svg.boundingBox())!;
    const labels = svg.locator("text.run-timeline__label");
    const checkNames = await page.getByRole("region", { name: "Checks" }).locator(".check__name").evaluateAll((els) => els.map((e) => e.firstChild!.textContent!.trim()));
    const shown = await labels.evaluateAll((els) => els.map((e) => [...e.querySelectorAll("tspan")].map((t) => t.textContent).join(" ")));
    expect(shown).toEqual(["Compile TypeScript", "Run your module", ...checkNames]);
    for (const label of await labels.all()) {
      const box = (await label.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(frame.x);
      expect(box.x + box.width).toBeLessThanOrEqual(frame.x + frame.width + 0.5);
      expect(box.y).toBeGreaterThanOrEqual(frame.y);
      expect(box.y + box.height).toBeLessThanOrEqual(frame.y + frame.height + 0.5);
    }
    // The time axis: its labels neither touch one another nor leave the picture.
    const ticks = await svg.locator("text.run-timeline__tick").evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ left: r.left, right: r.right })));
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < ticks.length; i++) expect(ticks[i].left - ticks[i - 1].right, `gap before tick ${i}`).toBeGreaterThanOrEqual(4);
    expect(ticks[ticks.length - 1].right).toBeLessThanOrEqual(frame.x + frame.width + 0.5);
  });
}

// WCAG 2.4.11: what takes the focus is not hidden under the sticky bars. A control that sits under
// a bar is inside the scroller's box, so the browser sees no need to scroll to it unless the
// scroller keeps room for the bars (scroll-padding): the playhead at the foot of the visualization,
// its pane's title at the top, and stacked, the lesson's toolbar at the top of the page.
for (const viewport of [WIDE, { width: 820, height: 1180 }, PHONE]) {
  test(`a control of the visualization focused under the playhead, the toolbar or the pane's title scrolls clear of them (${viewport.width}×${viewport.height})`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await page.emulateMedia({ reducedMotion: "reduce" });
    await openLesson(page, "#/lessons/dns");
    await runCode(page, readFileSync("lessons/dns/starter.ts", "utf8"));
    await expect(status(page)).toContainText("checks passed");
    await visualization(page).getByText("Show the queries as a table").click();
    const results = await page.evaluate(async () => {
      const pane = document.querySelector(".pane--viz") as HTMLElement;
      const playhead = document.querySelector(".playhead") as HTMLElement;
      const above = [document.querySelector(".pane--viz .pane__bar"), document.querySelector(".toolbar")].filter((e): e is Element => !!e);
      const stacked = getComputedStyle(pane).overflowY === "visible";
      const controls = [...pane.querySelectorAll<HTMLElement>("button, select, summary, a[href], [tabindex='0']")].filter(
        (c) => c !== pane && !c.matches(":disabled") && !playhead.contains(c) && !above.some((bar) => bar.contains(c)) && c.getClientRects().length > 0,
      );
      const overlap = (box: DOMRect, bar: Element) => {
        const b = bar.getBoundingClientRect();
        return Math.max(0, Math.min(box.bottom, b.bottom) - Math.max(box.top, b.top));
      };
      const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      const seen = [];
      for (const control of controls.slice(0, 12)) {
        for (const edge of ["top", "bottom"] as const) {
          control.blur();
          // Put the control 6 px inside the scroller's edge: under the bars there.
          const view = stacked ? { top: 0, bottom: innerHeight } : pane.getBoundingClientRect();
          const box = control.getBoundingClientRect();
          const by = edge === "top" ? box.top - view.top - 6 : box.bottom - view.bottom + 6;
          if (stacked) window.scrollBy(0, by);
          else pane.scrollTop += by;
          await frame();
          control.focus();
          await frame();
          if (document.activeElement !== control) continue;
          const now = control.getBoundingClientRect();
          seen.push({ what: control.outerHTML.slice(0, 70), edge, under: edge === "top" ? above.reduce((sum, bar) => sum + overlap(now, bar), 0) : overlap(now, playhead) });
        }
      }
      return seen;
    });
    expect(results.length, "placements tried").toBeGreaterThanOrEqual(8);
    for (const r of results) expect(r.under, `${r.what} focused at the ${r.edge} edge`).toBe(0);
  });
}
