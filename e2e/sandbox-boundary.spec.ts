// The boundary around learner code (docs/architecture.md, "The boundary"), tried as an attacker
// would: each test is learner code pressed Run on, as anyone can send it in a share or embed link.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { test, expect, checks, openLesson, output, run, runCode, runWhenPostgresReady, setCode, status } from "./fixtures";
import type { Page } from "@playwright/test";

// Postgres seeded by an earlier test of this worker is loaded from its kept copy (fixtures.ts).
test.use({ keptDatabase: true });

const DIST = resolve(process.env.DIST_DIR ?? "dist");

/** Waits until the run has ended (the status no longer says Running…) and returns what it says. */
async function settled(page: Page, timeout = 30_000): Promise<string> {
  await expect(status(page)).not.toHaveText("Running…", { timeout });
  return (await status(page).textContent()) ?? "";
}

/** The welcome lesson's starter: it fails its checks, so nothing but an attack could pass them. */
function starter(): string {
  return readFileSync(resolve("lessons/welcome/starter.ts"), "utf8");
}

/** A local server on another port (another origin) that counts what reaches it. */
async function listener(): Promise<{ origin: string; hits: string[]; server: Server }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? "");
    res.writeHead(204, { "access-control-allow-origin": "*" });
    res.end();
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits, server };
}

// Comlink's wire format, spoken by hand: CONSTRUCT `constructor` on an exposed object builds a
// Function from the text, answered with a port to it; APPLY on that port calls it.
const COMLINK_CALL = `
function comlinkRun(port: any, path: string[], js: string): Promise<void> {
  return new Promise((done) => {
    port.addEventListener("message", (e: any) => {
      if (e.data?.id !== "attack") return;
      const fn = e.data.value;
      if (fn && typeof fn.postMessage === "function") fn.postMessage({ id: "go", type: "APPLY", path: [], argumentList: [] });
      setTimeout(done, 300);
    });
    port.start?.();
    port.postMessage({ id: "attack", type: "CONSTRUCT", path, argumentList: [{ type: "RAW", value: js }] });
    setTimeout(done, 2000);
  });
}
`;

test("1. learner code cannot run code in the page through the console channel", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await openLesson(page);
  await runCode(
    page,
    `${COMLINK_CALL}
let captured: any;
const original = MessagePort.prototype.postMessage;
MessagePort.prototype.postMessage = function (this: any, ...args: any[]) { captured ??= this; return (original as any).apply(this, args); };
console.log("a line, to catch the port it leaves by");
await new Promise((r) => setTimeout(r, 200));
MessagePort.prototype.postMessage = original;
if (captured) await comlinkRun(captured, ["constructor"], "window.__pwned = true; localStorage.setItem('pwned', '1')");
${starter()}`,
  );
  const said = await settled(page);
  expect(said).not.toBe("All checks passed");
  expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
  expect(await page.evaluate(() => localStorage.getItem("pwned"))).toBeNull();
  // The learner is told why, at the line: there is no MessagePort in the sandbox.
  await expect(output(page)).toContainText("MessagePort is not available to lesson code");
  expect(errors).toEqual([]);
});

test("2. learner code cannot start the site's own worker scripts and reach out through them", async ({ page }) => {
  const outside = await listener();
  try {
    const workerFile = readdirSync(join(DIST, "assets")).find((f) => /^worker-.*\.js$/.test(f) && readFileSync(join(DIST, "assets", f), "utf8").includes("pglite"));
    expect(workerFile, "the Postgres worker's script in the build").toBeTruthy();
    await openLesson(page);
    const url = new URL(`assets/${workerFile}`, page.url()).href;
    await runCode(
      page,
      `${COMLINK_CALL}
const url = "${url}";
console.log("starting", url);
const w = new Worker(url, { type: "module", name: "postgres" });
await comlinkRun(w, ["constructor", "constructor"], "fetch('${outside.origin}/from-the-postgres-worker')");
await new Promise((r) => setTimeout(r, 1000));
${starter()}`,
    );
    await settled(page);
    await expect(output(page)).toContainText("Worker is not available to lesson code");
    await page.waitForTimeout(1000);
    expect(outside.hits).toEqual([]);
  } finally {
    outside.server.close();
  }
});

test("2b. the Postgres worker's own scope fetches only the site's files and has no other way out", async ({ page }) => {
  const outside = await listener();
  try {
    const started = page.waitForEvent("worker", { predicate: (w) => /\/assets\/worker-[^/]*\.js$/.test(w.url()) });
    await openLesson(page, "#/lessons/pagination");
    const postgres = await started;
    const seen = await postgres.evaluate(async (origin) => {
      const scope = self as unknown as Record<string, unknown>;
      const gone = ["WebSocket", "XMLHttpRequest", "importScripts", "Worker", "EventSource"].filter((name) => scope[name] === undefined);
      let outside: string;
      try {
        await fetch(`${origin}/from-the-postgres-worker-scope`);
        outside = "fetched";
      } catch (e) {
        outside = String(e);
      }
      const own = (await fetch(new URL("../", location.href))).ok;
      return { gone, outside, own };
    }, outside.origin);
    expect(seen.gone).toEqual(["WebSocket", "XMLHttpRequest", "importScripts", "Worker", "EventSource"]);
    expect(seen.outside).toContain("fetches only the site's own files");
    expect(seen.own).toBe(true);
    expect(outside.hits).toEqual([]);
  } finally {
    outside.server.close();
  }
});

test("3. a Postgres run ends in a rollback nothing the learner sends can turn into a commit, and leaves no session state", async ({ page }) => {
  test.setTimeout(180_000);
  await runWhenPostgresReady(
    page,
    "#/lessons/pagination",
    `import { db } from "playground/postgres";
await db.query("CREATE TABLE committed_by_learner (x int)");
for (const text of [";COMMIT", "-- x\\rCOMMIT", "/* /* nested */ */ COMMIT", "\\fCOMMIT", "END", "ABORT", "ROLLBACK", "PREPARE TRANSACTION 'x'"]) {
  try { await db.query(text); console.log("accepted:", JSON.stringify(text)); } catch (e) { console.log("refused:", JSON.stringify(text), (e as Error).message); }
}
// The run's own port, caught on its way out, asked to end the run with a commit.
try {
  let captured: any;
  const original = MessagePort.prototype.postMessage;
  MessagePort.prototype.postMessage = function (this: any, ...args: any[]) { captured ??= this; return (original as any).apply(this, args); };
  await db.query("SELECT 1");
  MessagePort.prototype.postMessage = original;
  captured?.postMessage({ id: "attack", type: "APPLY", path: ["endRun"], argumentList: [{ type: "RAW", value: { commit: true } }] });
  await new Promise((r) => setTimeout(r, 500));
} catch (e) { console.log("no port:", (e as Error).message); }
try { await db.query("PREPARE left_behind AS SELECT 1"); } catch (e) { console.log((e as Error).message); }
try { await db.query("SELECT pg_advisory_lock(4242)"); } catch (e) { console.log((e as Error).message); }
try { await db.query("SET statement_timeout = 0"); } catch (e) { console.log((e as Error).message); }
const shown = await db.query("SHOW statement_timeout");
console.log("statement_timeout after SET 0:", (shown.rows[0] as any).statement_timeout);
// A superuser writes files no rollback undoes: the seeded table's own data file, overwritten.
for (const text of ["SET SESSION AUTHORIZATION postgres", "RESET SESSION AUTHORIZATION", "CHECKPOINT"]) {
  try { await db.query(text); console.log("accepted:", JSON.stringify(text)); } catch (e) { console.log("refused:", JSON.stringify(text), (e as Error).message); }
}
const dir = await db.query("SELECT current_setting('data_directory') AS d").then((r) => (r.rows[0] as any).d, () => "/pglite/data");
const file = dir + "/" + ((await db.query("SELECT pg_relation_filepath('feed_items') AS f")).rows[0] as any).f;
for (const text of [\`COPY (SELECT 'overwritten') TO '\${file}'\`, \`SELECT lo_export(lo_from_bytea(0, 'x'::bytea), '\${file}')\`]) {
  try { await db.query(text); console.log("accepted:", JSON.stringify(text)); } catch (e) { console.log("refused:", JSON.stringify(text), (e as Error).message); }
}
`,
  );
  await settled(page, 60_000);
  await expect(output(page)).toContainText("statement_timeout after SET 0:");
  await expect(output(page)).not.toContainText("statement_timeout after SET 0: 0");
  await expect(output(page)).not.toContainText("accepted:");
  await expect(output(page)).toContainText("SET SESSION AUTHORIZATION is not available here");
  await expect(output(page)).toContainText("permission denied to COPY to a file");

  await runCode(
    page,
    `import { db } from "playground/postgres";
const one = async (sql: string) => Object.values((await db.query(sql)).rows[0] as object)[0];
console.log("table:", await one("SELECT to_regclass('committed_by_learner')::text"));
console.log("prepared:", await one("SELECT count(*)::int FROM pg_prepared_statements"));
console.log("advisory locks:", await one("SELECT count(*)::int FROM pg_locks WHERE locktype = 'advisory'"));
console.log("feed_items:", await one("SELECT count(*)::int FROM feed_items"));
`,
  );
  await settled(page, 60_000);
  await expect(output(page)).toContainText("table: null");
  await expect(output(page)).toContainText("prepared: 0");
  await expect(output(page)).toContainText("advisory locks: 0");
  await expect(output(page)).toContainText("feed_items: 1000000");
});

const FAKES: Record<string, string> = {
  "wrapping the worker's postMessage": `const post = self.postMessage.bind(self);
(self as any).postMessage = (m: any, t?: any) => post(JSON.parse(JSON.stringify(m).replaceAll('"passed":false', '"passed":true')), t);`,
  "replacing chai's assert": `import { expect } from "playground/checks";
(Object.getPrototypeOf(expect(1)) as any).assert = () => {};`,
  "replacing Array.prototype[Symbol.iterator]": `const realIterator = Array.prototype[Symbol.iterator];
(Array.prototype as any)[Symbol.iterator] = function (this: any[]) { return realIterator.call(this.length === 4 ? [] : this); };`,
};

for (const [how, fake] of Object.entries(FAKES)) {
  test(`4. a wrong solution cannot fake passing checks by ${how}`, async ({ page }) => {
    await openLesson(page);
    await runCode(page, `${fake}\n${starter()}`);
    expect(await settled(page)).not.toBe("All checks passed");
    await page.goto("#/");
    await expect(page.getByRole("link", { name: /Welcome/ })).not.toContainText(/completed/i);
  });
}

test("5a. timers a run leaves behind end with it: the page stays responsive and Run works at once", async ({ page }) => {
  await openLesson(page);
  await runCode(page, `for (let i = 0; i < 2000; i++) setInterval(() => console.log("tick", i), 1);\n${starter()}`);
  await settled(page);
  const lines = async () => (await output(page).textContent())?.length ?? 0;
  const before = await lines();
  await page.waitForTimeout(1500);
  expect(await lines(), "no output after the run ended").toBe(before);
  const started = Date.now();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
  expect(Date.now() - started, "a frame after the run").toBeLessThan(1000);
  await runCode(page, `console.log("second run");\n${starter()}`);
  await expect(output(page)).toContainText("second run", { timeout: 5000 });
});

const HOSTILE_THROWS: Record<string, string> = {
  "an object whose toString throws": `{ toString() { throw new Error("no"); } }`,
  "Object.create(null)": `Object.create(null)`,
  "a Proxy": `new Proxy({}, { get() { throw new Error("no"); }, getPrototypeOf() { throw new Error("no"); } })`,
  "an Error whose message getter throws": `Object.defineProperty(new Error("x"), "message", { get() { throw new Error("no"); } })`,
};

for (const [what, value] of Object.entries(HOSTILE_THROWS)) {
  test(`5b. a run that throws ${what} ends with a readable error, within its time limit`, async ({ page }) => {
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await openLesson(page);
    await setCode(page, `export function greet(name: string): string { throw ${value}; }\nexport function reasonPhrase(n: number): string { throw ${value}; }\nconsole.log("x");\nPromise.reject(${value});\n`);
    const started = Date.now();
    await run(page);
    const said = await settled(page, 15_000);
    expect(Date.now() - started).toBeLessThan(5000 + 3000);
    expect(said).toMatch(/checks passed/);
    await expect(checks(page).filter({ hasText: "greet says hello by name" })).toContainText("failed");
    expect(errors).toEqual([]);
  });
}
