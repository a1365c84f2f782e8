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
    await page.setViewportSize(viewport);
    for (const id of LESSONS) {
      await openLesson(page, `#/lessons/${id}`);
      await expect(page.locator(".prose h2").first()).toBeVisible();
      expect(await clippedBoxes(page), id).toEqual([]);
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

// WCAG 2.4.11: what takes the focus is not hidden under the sticky bars. Tab scrolls a control
// below the view just into it, which is under the playhead unless the scroller keeps room for it;
// Shift+Tab scrolls one above the view to the top, under the toolbar (stacked) or the pane's title.
for (const viewport of [WIDE, { width: 820, height: 1180 }, PHONE]) {
  test(`Tab through the visualization: no control it focuses sits under the playhead, the toolbar or the pane's title (${viewport.width}×${viewport.height})`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await page.emulateMedia({ reducedMotion: "reduce" });
    await openLesson(page, "#/lessons/dns");
    await runCode(page, readFileSync("lessons/dns/starter.ts", "utf8"));
    await expect(status(page)).toContainText("checks passed");
    const viz = visualization(page);
    await viz.getByText("Show the queries as a table").click();
    /** Scrolls the page and the pane to one end, then moves the focus one step, and says where it landed. */
    const step = (key: "Tab" | "Shift+Tab") =>
      page
        .evaluate((to) => {
          const pane = document.querySelector(".pane--viz") as HTMLElement;
          window.scrollTo(0, to === "top" ? 0 : document.documentElement.scrollHeight);
          pane.scrollTop = to === "top" ? 0 : pane.scrollHeight;
        }, key === "Tab" ? "top" : "bottom")
        .then(() => page.keyboard.press(key))
        .then(() =>
          page.evaluate(() => {
            const focused = document.activeElement as HTMLElement | null;
            const playhead = document.querySelector(".playhead");
            const bars = [document.querySelector(".toolbar"), document.querySelector(".pane--viz .pane__bar")];
            const pane = focused?.closest(".pane--viz");
            if (!focused || !pane || pane === focused || playhead?.contains(focused) || bars.some((bar) => bar?.contains(focused))) return null;
            const box = focused.getBoundingClientRect();
            const under = (bar: Element | null | undefined) => {
              if (!bar) return 0;
              const b = bar.getBoundingClientRect();
              return Math.max(0, Math.min(box.bottom, b.bottom) - Math.max(box.top, b.top));
            };
            return { what: focused.outerHTML.slice(0, 80), underPlayhead: under(playhead), underBarsAbove: under(bars[0]) + under(bars[1]) };
          }),
        );
    const picker = viz.getByRole("combobox", { name: "Resolution" });
    let checked = 0;
    for (const key of ["Tab", "Shift+Tab"] as const) {
      await picker.focus();
      for (let i = 0; i < 12; i++) {
        const seen = await step(key);
        if (!seen) continue;
        checked++;
        expect(seen, `${key} to ${seen.what}`).toMatchObject({ underPlayhead: 0, underBarsAbove: 0 });
      }
    }
    expect(checked, "controls focused in the visualization").toBeGreaterThanOrEqual(4);
  });
}
