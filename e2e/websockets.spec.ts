// The websockets lesson on real Web Workers: the starter's broadcast stays on its worker (drawn as
// the run streams), the solution's crosses every worker through Redis while the run is still
// going and passes every check, a worker killed from the page's button drops its clients with
// 1006 while the others keep chatting, and the page passes axe in both themes.
import { readFileSync } from "node:fs";
import { findingsInBothThemes } from "./axe";
import { test, expect, checks, expectAllChecksPassed, openLesson, output, runCode, status, visualization } from "./fixtures";

const LESSON = "#/lessons/websockets";
const STARTER = readFileSync("lessons/websockets/starter.ts", "utf8");
const SOLUTION = readFileSync("lessons/websockets/solution.ts", "utf8");

// The solution's app, with a scenario that chats until a worker is killed from the page, waits for
// it to be restarted from the page, and sends a newcomer to it (least connections: the empty worker).
const LONG_CHAT = SOLUTION.replace(/\/\/ Four workers, a few rounds[\s\S]*$/, `if (isMain) {
  const cluster = await startCluster({ workers: 4, balancer: "least-connections" });
  const clients = [];
  for (let i = 0; i < 8; i++) {
    const client = cluster.connect("/ws");
    client.sendJson({ token: "tok-grace" });
    clients.push(client);
  }
  for (let round = 0; round < 60 && !clients.some((c) => c.closed?.code === 1006); round++) {
    clients.find((c) => c.closed === null)?.send(\`round \${round}\`);
    await cluster.sleep(150);
  }
  for (let i = 0; i < 80 && !cluster.stats()[1].alive; i++) await cluster.sleep(100);
  const newcomer = cluster.connect("/ws");
  newcomer.sendJson({ token: "tok-linus" });
  await cluster.settle();
  const last = clients.find((c) => c.closed === null)!;
  last.send("after the restart");
  await cluster.settle();
  for (const c of [...clients, newcomer]) console.log(\`client \${c.id} on worker \${c.worker}: \${c.closed ? \`closed \${c.closed.code}\` : \`open, heard \${c.received.includes("grace: after the restart") ? "it" : "nothing"}\`}\`);
  await cluster.stop();
}
`);

test.setTimeout(180_000);

test("on websockets: broadcasts stay on their worker in the starter, cross every worker through Redis live in the solution, and a worker killed from the page", async ({ page }) => {
  await openLesson(page, LESSON);
  const viz = visualization(page);

  await test.step("the starter: the in-memory broadcast never leaves its worker, and the checks fail", async () => {
    await runCode(page, STARTER);
    await expect(status(page)).toHaveText(/^[0-4] of 5 checks passed$/, { timeout: 60_000 });
    await expect(checks(page).filter({ hasText: "With 4 workers" })).toContainText("failed");
    await expect(output(page)).toContainText("1 worker(s): 8 of 8 clients heard round 1");
    await expect(output(page)).toContainText("4 worker(s): 2 of 8 clients heard round 1");
  });

  await test.step("the solution: while the run streams, messages are delivered by Redis to every worker; every check passes", async () => {
    await runCode(page, SOLUTION);
    await expect(status(page)).toHaveText("Running…");
    // Live: the picture follows the run's edge and already shows Redis handing messages to the workers.
    await expect(viz.getByText(/Redis: [1-9]\d* published .*, [1-9]\d* delivered to workers/)).toBeVisible({ timeout: 30_000 });
    await expect(status(page)).toHaveText("Running…");
    await expectAllChecksPassed(page, { timeout: 60_000 });
    await expect(output(page)).toContainText("4 workers: 8 of 8 clients heard round 1");
  });

  await test.step("a worker killed from the page's button: its clients see 1006, the others keep chatting; restarted from the page, it takes a newcomer", async () => {
    await runCode(page, LONG_CHAT);
    // Once the picture shows worker 2 serving (its copy of the module loaded) and chatting.
    const workers = viz.getByRole("table", { name: /Workers at this moment/ });
    await expect(workers.getByRole("row", { name: /^2 running/ })).toBeVisible({ timeout: 30_000 });
    await expect(viz.getByText(/Redis: [1-9]\d* published/)).toBeVisible();
    await page.getByRole("button", { name: "Kill worker 2" }).click();
    await expect(workers.getByRole("row", { name: /^2 killed/ })).toBeVisible();
    await page.getByRole("button", { name: "Restart worker 2" }).click();
    await expect(page.getByRole("button", { name: "Kill worker 2" })).toBeVisible();
    await expect(status(page)).not.toHaveText("Running…", { timeout: 60_000 });
    const text = (await output(page).textContent()) ?? "";
    const lines = [...text.matchAll(/client (\d+) on worker (\d+): ([^\n]+?)(?=client \d+ on worker|$)/g)].map((m) => ({ client: Number(m[1]), worker: Number(m[2]), what: m[3].trim() }));
    expect(lines).toHaveLength(9);
    for (const line of lines.slice(0, 8)) expect(line.what).toBe(line.worker === 2 ? "closed 1006" : "open, heard it");
    expect(lines[8], "the newcomer, sent to the restarted (empty) worker").toEqual({ client: 9, worker: 2, what: "open, heard it" });
  });

  await test.step("no serious axe findings, light and dark", async () => {
    expect(await findingsInBothThemes(page)).toEqual({ light: [], dark: [] });
  });
});
