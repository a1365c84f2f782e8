// The TypeScript worker (6.9 MB) is not part of opening a lesson: the editor fetches it the first
// time the learner reaches for it (here the pointer over the code), and its type-checks work then.
import { test, expect, openLesson, setCode, waitForEditor } from "./fixtures";

test("the TypeScript worker is fetched once the pointer is over the editor, not before, and then checks types", async ({ page }) => {
  const fetched: string[] = [];
  page.on("request", (request) => fetched.push(new URL(request.url()).pathname));
  const tsWorkerFetched = () => fetched.some((path) => /\/ts\.worker-[^/]*\.js$/.test(path));

  await openLesson(page);
  await waitForEditor(page);
  // Monaco used to ask for the worker as soon as the model existed; give it the time it took.
  await page.waitForTimeout(2000);
  expect(fetched.some((path) => /\/editor\.api-[^/]*\.js$/.test(path)), "the page's request log sees Monaco's chunks").toBe(true);
  expect(tsWorkerFetched()).toBe(false);

  await page.getByRole("region", { name: "Code editor" }).locator(".view-lines").hover();
  await expect.poll(tsWorkerFetched).toBe(true);

  await setCode(page, "const wrong: number = 'text';\nexport {};\n");
  const typeErrors = () =>
    page.evaluate(() => {
      const { editor, monaco } = window.playgroundEditor!;
      return monaco.editor.getModelMarkers({ owner: "typescript", resource: editor.getModel()!.uri }).map((m) => m.message);
    });
  await expect.poll(typeErrors, { timeout: 30_000 }).toContainEqual(expect.stringContaining("not assignable to type 'number'"));
});
