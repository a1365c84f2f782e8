import { readFileSync } from "node:fs";
import { findingsInBothThemes } from "./axe";
import { test, expect, checks, expectAllChecksPassed, openLesson, output, runCode, status, visualization } from "./fixtures";

const LESSON = "#/lessons/serialization";
const STARTER = readFileSync("lessons/serialization/starter.ts", "utf8");
const SOLUTION = readFileSync("lessons/serialization/solution.ts", "utf8");

// axe reads every byte of the hex view and every row of its table, in both themes.
test.setTimeout(150_000);

test("on serialization the starter fails its checks, and its little-endian length shows in the hex view", async ({ page }) => {
  await page.emulateMedia({ reducedMotion: "reduce" }); // the picture shows the end of the run at once
  await openLesson(page, LESSON);
  await runCode(page, STARTER);
  await expect(status(page)).toHaveText(/^[0-6] of 7 checks passed$/);
  await expect(checks(page).filter({ hasText: "a big-endian u16 length" })).toContainText("failed");
  await expect(checks(page).filter({ hasText: "refused as truncated" })).toContainText("failed");
  await expect(output(page)).toContainText("message 1: 01 05 00 68 65 6c 6c 6f");

  const viz = visualization(page);
  await viz.getByRole("combobox", { name: "Byte string" }).selectOption({ label: "1. struct.pack(<BH5s): 8 bytes" });
  await expect(viz.getByRole("button", { name: /^Byte 1 is 0x05 \(5\): field H = 5, bytes 1–2\.$/ })).toBeVisible();
  // Little-endian: the most significant byte is the last of the field.
  await expect(viz.getByRole("button", { name: /^Byte 2 is 0x00 \(0\): field H = 5, bytes 1–2; the most significant byte \(little-endian\)/ })).toBeVisible();
});

test("on serialization the solution passes, and the hex view tells each byte's field on hover and on focus", async ({ page }) => {
  await page.emulateMedia({ reducedMotion: "reduce" });
  await openLesson(page, LESSON);
  await runCode(page, SOLUTION);
  await expectAllChecksPassed(page);
  await expect(output(page)).toContainText("message 1: 01 00 05 68 65 6c 6c 6f");

  const viz = visualization(page);
  // Choosing a byte string moves the playhead to it.
  await viz.getByRole("combobox", { name: "Byte string" }).selectOption({ label: "1. struct.pack(>BH5s): 8 bytes" });
  await expect(viz.getByRole("figure")).toContainText("struct.pack(>BH5s) — 8 bytes in 3 fields, made by your module's own code");
  const fields = viz.getByRole("table", { name: /^Fields of struct\.pack\(>BH5s\)/ });
  await expect(fields.getByRole("row", { name: /^1–2 00 05 H/ })).toContainText("big-endian: most significant byte first");
  await expect(fields.getByRole("row", { name: /^3–7/ })).toContainText("b'hello'");

  const detail = viz.locator(".ser-hex__detail");
  await viz.getByRole("button", { name: /^Byte 5 is 0x6c/ }).hover();
  await expect(detail).toHaveText("Byte 5 is 0x6c (108): field s = b'hello', bytes 3–7.");

  // The keyboard: one tab stop, then the arrow keys.
  await page.mouse.move(0, 0);
  await viz.getByRole("button", { name: /^Byte 0 is 0x01/ }).focus();
  await expect(detail).toHaveText("Byte 0 is 0x01 (1): field B = 1, byte 0.");
  await page.keyboard.press("ArrowRight");
  await expect(detail).toHaveText("Byte 1 is 0x00 (0): field H = 5, bytes 1–2; the most significant byte (big-endian).");
  await expect(viz.getByRole("button", { name: /^Byte 1 is 0x00/ })).toBeFocused();

  // The malicious pickle of the lesson's examples, by the end of the run: never loaded, its dangerous opcodes marked.
  await viz.getByRole("button", { name: "Jump to the end" }).click();
  const verdict = viz.getByRole("region", { name: "What loading the pickle would do" });
  await expect(verdict).toContainText("Loading this pickle would run code");
  await expect(verdict).toContainText("os.system('echo pwned')");
  await expect(verdict).toContainText("byte 0: GLOBAL 'os system' — imports any global by name");
  await verdict.getByRole("button", { name: "Show its 29 bytes and every opcode" }).click();
  const opcodes = viz.getByRole("table", { name: /^Fields of .*29 bytes$/ });
  await expect(opcodes.getByRole("row", { name: /^27 52 REDUCE/ })).toContainText("calls what is on the stack");
  await expect(viz.getByRole("button", { name: /^Byte 0 is 0x63 \(99\): field GLOBAL = 'os system', bytes 0–10\. GLOBAL imports any global by name\.$/ })).toBeVisible();

  // Sizes and timings of one value in each format, side by side.
  const formats = viz.getByRole("table", { name: /^The same value in each format/ });
  await expect(formats.getByRole("row", { name: /^MessagePack/ })).toContainText(" B");
  await expect(formats.getByRole("row", { name: /^JSON\.stringify/ })).toContainText("Date");

  expect(await findingsInBothThemes(page)).toEqual({ light: [], dark: [] });
});
