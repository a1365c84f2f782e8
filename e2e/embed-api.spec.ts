// The embed API (app/embed/protocol.ts) as a course page on another site uses it: a page served
// from another origin (localhost, another port: another site, as the site is on 127.0.0.1) frames
// the lesson and hears ready, run, checks and completed; it sends setCode, run, reset and getState;
// ?origin= naming another origin leaves it deaf; ?readonly and ?hide= do what they say. The course
// page is docs/embed-example.html, the README's example, with its iframe pointed at this build.
import { createServer, type Server } from "node:http";
import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { Frame, Page } from "@playwright/test";
import { test, expect } from "./fixtures";

const SITE_PORT = Number(process.env.E2E_PORT ?? 4173);
// Beside the site's port unless told (CI runs the site elsewhere; the pair moves with it).
const HOST_PORT = Number(process.env.E2E_HOST_PORT ?? SITE_PORT + 1);
const SITE = `http://127.0.0.1:${SITE_PORT}/backend-playground/`;
// localhost is another site than 127.0.0.1: a third-party frame, which this browser keeps from
// storage (as browsers blocking third-party cookies do). 127.0.0.1 on another port is another
// origin of the same site: storage works there.
const HOST = `http://localhost:${HOST_PORT}`;
const SAME_SITE_HOST = `http://127.0.0.1:${HOST_PORT}`;
const EXAMPLE_SRC = "https://your-name.github.io/backend-playground/#/embed/welcome";
const SOLUTION = readFileSync("lessons/welcome/solution.ts", "utf8");
const STARTER = readFileSync("lessons/welcome/starter.ts", "utf8");

interface Received {
  origin: string;
  data: { source: string; version: number; lesson: string; type: string; [field: string]: unknown };
}

declare global {
  interface Window {
    received?: Received[];
  }
}

let server: Server;

test.beforeAll(async () => {
  const example = readFileSync("docs/embed-example.html", "utf8");
  if (!example.includes(EXAMPLE_SRC)) throw new Error(`docs/embed-example.html no longer frames ${EXAMPLE_SRC}`);
  server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", HOST);
    if (url.pathname !== "/example") {
      res.writeHead(404).end();
      return;
    }
    // The example as a course author would publish it, framing this build's lesson instead.
    const src = (url.searchParams.get("src") ?? "").replaceAll("&", "&amp;").replaceAll('"', "&quot;");
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(example.replace(EXAMPLE_SRC, src));
  });
  await new Promise<void>((done) => server.listen(HOST_PORT, "127.0.0.1", done));
});

test.afterAll(() => new Promise<void>((done) => server.close(() => done())));

/** Opens the course page framing `#/embed/welcome` + `query`, recording every message it receives. */
async function openCoursePage(page: Page, query = "", host = HOST): Promise<Frame> {
  await page.addInitScript((hostPort) => {
    if (location.port !== hostPort) return; // the recorder lives in the course page, not in the lesson
    window.received = [];
    window.addEventListener("message", (e) => window.received!.push({ origin: e.origin, data: e.data }));
  }, String(HOST_PORT));
  await page.goto(`${host}/example?src=${encodeURIComponent(`${SITE}#/embed/welcome${query}`)}`);
  const frame = await (await page.locator("#lesson").elementHandle())!.contentFrame();
  await expect(lesson(page).getByRole("button", { name: "Run", exact: true })).toBeEnabled();
  return frame!;
}

const lesson = (page: Page) => page.frameLocator("#lesson");
const received = (page: Page) => page.evaluate(() => window.received ?? []);
const types = async (page: Page) => (await received(page)).map((m) => (m.data.type === "run" ? `run:${String(m.data.status)}` : m.data.type));

/** Sends the lesson a message from the course page, as a course author's script would. */
async function send(page: Page, message: Record<string, unknown>): Promise<void> {
  await page.evaluate((m) => (document.getElementById("lesson") as HTMLIFrameElement).contentWindow!.postMessage({ source: "backend-playground", version: 1, ...m }, "*"), message);
}

async function editorCode(frame: Frame): Promise<string> {
  await frame.waitForFunction(() => !!window.playgroundEditor?.editor.getModel(), null, { timeout: 30_000 });
  return frame.evaluate(() => window.playgroundEditor!.editor.getModel()!.getValue());
}

test("the course page hears ready, run, checks and completed as the learner solves the lesson", async ({ page }) => {
  const frame = await openCoursePage(page, "", SAME_SITE_HOST);
  await expect.poll(() => types(page)).toEqual(["ready", "step"]);
  const [ready] = await received(page);
  expect(ready.origin).toBe(new URL(SITE).origin);
  expect(ready.data).toMatchObject({ source: "backend-playground", version: 1, lesson: "welcome", storage: "saved", readonly: false });
  expect(ready.data.checks).toHaveLength(4);

  // The learner writes the answer in the frame and presses Run there.
  await editorCode(frame);
  await frame.evaluate((code) => window.playgroundEditor!.editor.getModel()!.setValue(code), SOLUTION);
  await lesson(page).getByRole("button", { name: "Run", exact: true }).click();
  // The run finishes both of welcome's steps; the one shown, the first, is now done.
  await expect.poll(() => types(page)).toEqual(["ready", "step", "run:running", "run:passed", "checks", "completed", "step"]);
  const all = await received(page);
  expect(all.filter((m) => m.data.type === "step").map((m) => m.data)).toMatchObject([
    { index: 0, count: 2, title: "Run your code", done: false },
    { index: 0, count: 2, title: "Run your code", done: true },
  ]);
  expect(all.find((m) => m.data.type === "checks")!.data).toMatchObject({ passed: 4, total: 4 });
  expect((all.find((m) => m.data.type === "checks")!.data.checks as { passed: boolean }[]).every((c) => c.passed)).toBe(true);
  expect(all.find((m) => m.data.type === "completed")!.data).toMatchObject({ lesson: "welcome", solutionShown: false, before: false });
  // The example records the completion and says so.
  await expect(page.getByRole("status").first()).toHaveText(/^Completed on \d{4}-\d\d-\d\d\.$/);

  // A second passing run is no second completion.
  await lesson(page).getByRole("button", { name: "Run", exact: true }).click();
  await expect.poll(() => types(page)).toEqual(["ready", "step", "run:running", "run:passed", "checks", "completed", "step", "run:running", "run:passed", "checks"]);
});

test("completing with the solution shown is told as such", async ({ page }) => {
  await openCoursePage(page);
  const framed = lesson(page);
  await framed.getByRole("button", { name: "Show solution" }).click();
  await framed.getByRole("button", { name: "Replace my code" }).click();
  await framed.getByRole("button", { name: "Run", exact: true }).click();
  await expect.poll(async () => (await received(page)).find((m) => m.data.type === "completed")?.data).toMatchObject({ solutionShown: true });
  await expect(page.getByRole("status").first()).toHaveText(/\(after showing the solution\)\.$/);
});

test("the course page sets the code, runs it, reads it back and resets it; a wrong message is answered", async ({ page }) => {
  const frame = await openCoursePage(page, `?origin=${encodeURIComponent(HOST)}`);
  await expect.poll(() => types(page)).toEqual(["ready", "step"]);

  await send(page, { type: "setCode", code: SOLUTION });
  await expect.poll(() => editorCode(frame)).toBe(SOLUTION);
  await expect(lesson(page).getByText("The course page put its code in the editor.")).toBeVisible();
  await send(page, { type: "run" });
  await expect.poll(() => types(page)).toEqual(["ready", "step", "run:running", "run:passed", "checks", "completed", "step"]);

  await send(page, { type: "getState", requestId: "after-run" });
  await expect.poll(async () => (await received(page)).find((m) => m.data.type === "state")?.data).toMatchObject({
    requestId: "after-run",
    code: SOLUTION,
    completed: true,
    started: true,
  });

  await send(page, { type: "reset" });
  await expect.poll(() => editorCode(frame)).toBe(STARTER);
  await send(page, { type: "getState", requestId: "after-reset" });
  await expect.poll(async () => (await received(page)).find((m) => m.data.requestId === "after-reset")?.data.code).toBe(STARTER);

  await send(page, { type: "runEverything" });
  await expect.poll(async () => (await received(page)).find((m) => m.data.type === "error")?.data).toMatchObject({ received: "runEverything", message: expect.stringContaining("setCode, run, reset or getState") });
  // Messages that are not the protocol's are no business of the lesson's: no answer.
  const before = (await received(page)).length;
  await page.evaluate(() => (document.getElementById("lesson") as HTMLIFrameElement).contentWindow!.postMessage({ type: "run" }, "*"));
  await page.waitForTimeout(300);
  expect(await received(page)).toHaveLength(before);
});

test("?origin= naming another origin: the course page hears nothing, and its commands are not obeyed", async ({ page }) => {
  const frame = await openCoursePage(page, "?origin=https%3A%2F%2Fcourse.example");
  const starter = await editorCode(frame);
  await send(page, { type: "setCode", code: SOLUTION });
  await send(page, { type: "run" });
  await page.waitForTimeout(500);
  expect(await editorCode(frame)).toBe(starter);
  await expect(lesson(page).getByRole("status")).toHaveText(/Ready/);
  // The learner runs it in the frame: the run happens, the course page hears none of it.
  await lesson(page).getByRole("button", { name: "Run", exact: true }).click();
  await expect(lesson(page).getByRole("status")).toHaveText("1 of 4 checks passed");
  await page.waitForTimeout(300);
  expect(await received(page)).toEqual([]);
});

test("?readonly keeps the learner from editing while Run and the host's setCode work; ?hide= hides the lesson and the visualization", async ({ page }) => {
  const frame = await openCoursePage(page, "?readonly&hide=lesson,visualization");
  const framed = lesson(page);
  await expect(framed.getByRole("region", { name: "Code editor" })).toBeVisible();
  await expect(framed.getByRole("region", { name: "Checks" })).toBeVisible();
  await expect(framed.getByRole("region", { name: "Output" })).toBeVisible();
  await expect(framed.getByRole("region", { name: "Lesson" })).toHaveCount(0);
  await expect(framed.getByRole("region", { name: "Visualization" })).toHaveCount(0);
  await expect.poll(async () => (await received(page)).find((m) => m.data.type === "ready")?.data.readonly).toBe(true);

  const starter = await editorCode(frame);
  await expect(framed.getByText("Your browser does not let this embedded lesson save")).toBeVisible();
  await framed.getByRole("button", { name: "Dismiss storage warning" }).click();
  await frame.evaluate(() => {
    const { editor } = window.playgroundEditor!;
    editor.setPosition({ lineNumber: 1, column: 1 });
    editor.focus();
  });
  await page.keyboard.type("typed ");
  await page.keyboard.press("Enter");
  expect(await editorCode(frame)).toBe(starter);
  await expect(framed.locator(".monaco-editor-overlaymessage").getByText("This code is read-only here. Press Run to try it.")).toBeVisible();

  await framed.getByRole("button", { name: "Run", exact: true }).click();
  await expect(framed.getByRole("status")).toHaveText("1 of 4 checks passed");
  await send(page, { type: "setCode", code: SOLUTION });
  await expect.poll(() => editorCode(frame)).toBe(SOLUTION);
});

test("a third-party frame the browser keeps from storage says so once, tells the host, and works in memory", async ({ page }) => {
  const frame = await openCoursePage(page);
  expect(await frame.evaluate(() => {
    try {
      return typeof window.localStorage;
    } catch (e) {
      return (e as DOMException).name;
    }
  }), "this browser refuses a third-party frame its storage").toBe("SecurityError");
  const note = lesson(page).getByText("Your browser does not let this embedded lesson save");
  await expect(note).toHaveCount(1);
  await expect.poll(async () => (await received(page)).find((m) => m.data.type === "ready")?.data.storage).toBe("memory");

  await send(page, { type: "setCode", code: SOLUTION });
  await expect.poll(() => editorCode(frame)).toBe(SOLUTION);
  await lesson(page).getByRole("button", { name: "Dismiss storage warning" }).click();
  await send(page, { type: "run" });
  await expect.poll(async () => (await received(page)).some((m) => m.data.type === "completed")).toBe(true);
  // Saving the code and the completion failed, quietly: the note, dismissed, stays away.
  await expect(note).toHaveCount(0);
  await send(page, { type: "getState", requestId: "memory" });
  await expect.poll(async () => (await received(page)).find((m) => m.data.type === "state")?.data).toMatchObject({ code: SOLUTION, completed: true });
});

for (const query of ["?theme=dark&hide=visualization&readonly", "?theme=light&hide=lesson"]) {
  test(`${query}: the theme is the course page's, and the embed has no serious axe findings`, async ({ page }) => {
    // The system asks for the other theme: the course page's choice wins.
    const theme = query.includes("dark") ? "dark" : "light";
    await page.emulateMedia({ colorScheme: theme === "dark" ? "light" : "dark", reducedMotion: "reduce" });
    await page.goto(`#/embed/welcome${query}`);
    await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
    await expect(page.getByRole("button", { name: "Run", exact: true })).toBeEnabled();
    await page.waitForFunction(() => !!window.playgroundEditor?.editor.getModel(), null, { timeout: 30_000 });
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await expect(page.getByRole("status")).toHaveText("1 of 4 checks passed");
    await page.waitForTimeout(200); // Monaco repaints its theme on the next frame
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  });
}
