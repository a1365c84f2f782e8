// Every lesson in the catalogue: its solution passes all its checks and its starter does not,
// run through the same sandbox runner the browser uses. A lesson's hosted engines (front matter
// `engines: [postgres]`) are the page's own hosts booted in Node, and each run goes through the
// same prepareHostedRun as the page's (app/lesson/run-session.ts): the hosts' steps and limits
// exist once. Postgres is a real PGlite, seeded smaller so the suite stays fast.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadLessons, type FoundLesson } from "../build/lessons";
import { VISUALIZATION_IDS } from "../app/visualizations/ids";
import { runLesson } from "../workers/sandbox/runner";
import { allPassed } from "../workers/sandbox/testing/all-passed";
import { PLAYGROUND_MODULES } from "../workers/sandbox/registry";
import { prepareHostedRun, type HostedEngine, type HostedEngineName } from "../workers/sandbox/hosted-engines";
import type { DatasetName } from "../workers/postgres/dataset-names";
import { createTestHost } from "../workers/postgres/test-host";
import type { TraceBatch } from "../workers/sandbox/trace-stream";
import type { PostgresQueryTrace } from "../workers/postgres/trace";
import { createClusterTestHost } from "../workers/cluster/test-host";
import { doneAfterRun, stepsOf } from "../app/lesson/steps/step-progress";

const lessons = loadLessons(import.meta.dirname, { visualizations: VISUALIZATION_IDS });

/**
 * Rows per dataset here (the page seeds 1,000,000 feed items and 200,000 documents). Lessons'
 * checks must hold at these sizes too: compare against the table as it is, never a fixed count.
 */
const LESSON_TEST_ROWS: Record<DatasetName, number> = { feed_items: 50_000, documents: 20_000 };

/** Each hosted engine booted in Node, once for the whole file and only if a lesson uses it. */
const NODE_HOSTS: { [N in HostedEngineName]: () => { host: HostedEngine; close(): Promise<void> } } = {
  postgres: () => createTestHost({ rows: LESSON_TEST_ROWS }),
  cluster: () => createClusterTestHost(),
};
const booted = new Map<HostedEngineName, ReturnType<(typeof NODE_HOSTS)[HostedEngineName]>>();

function hostsOf(lesson: FoundLesson): HostedEngine[] {
  return lesson.meta.engines.map((name) => {
    if (!booted.has(name)) booted.set(name, NODE_HOSTS[name]());
    return booted.get(name)!.host;
  });
}

// Started and seeded up front, as the page does when a lesson opens, so no test pays for it.
beforeAll(async () => {
  for (const lesson of lessons) await Promise.all(hostsOf(lesson).map((host) => host.start(lesson.meta)));
});

afterAll(async () => {
  await Promise.all([...booted.values()].map((b) => b.close()));
});

async function runFile(lesson: FoundLesson, file: string, onTrace?: (batch: TraceBatch) => void) {
  return runCode(lesson, readFileSync(join(lesson.dir, file), "utf8"), onTrace);
}

async function runCode(lesson: FoundLesson, code: string, onTrace?: (batch: TraceBatch) => void) {
  const request = { code, checks: readFileSync(join(lesson.dir, "checks.ts"), "utf8") };
  const env = { now: () => 0, modules: PLAYGROUND_MODULES, onConsole: () => {}, onTrace };
  // As the page does it: each hosted engine opens the run and gives it a port, and closes it after.
  const run = await prepareHostedRun(hostsOf(lesson), lesson.meta);
  try {
    return await runLesson(request, { ...env, ports: run.ports });
  } finally {
    await run.finish();
  }
}

/**
 * Steps whose part is only to press Run, so the starter completes them by design: welcome's first
 * step teaches running code. Every other step of every lesson must be left undone by its starter.
 */
const STARTER_COMPLETES: Record<string, string[]> = { welcome: ["Run your code"] };

describe.each(lessons.map((l) => [l.meta.id, l] as const))("lesson %s", (_id, lesson) => {
  it("has a solution that passes every check", async () => {
    const result = await runFile(lesson, "solution.ts");
    expect(result.error).toBeNull();
    expect(result.checks.length).toBeGreaterThan(0);
    expect(result.checks.filter((c) => !c.passed)).toEqual([]);
    // Every step's checks by the names the run gives them (a template literal's name included).
    const names = new Set(result.checks.map((c) => c.name));
    expect(lesson.meta.steps.flatMap((s) => s.checks).filter((n) => !names.has(n)), "step checks the run does not name").toEqual([]);
  });

  it("has a starter that fails at least one check", async () => {
    const result = await runFile(lesson, "starter.ts");
    expect(result.checks.some((c) => !c.passed) || result.error !== null).toBe(true);
  });

  // A step is the learner's part to do: with the starter, none is done before they do it. Judged
  // by the page's own rule (step-progress.ts). The starter must run to its checks, so that a step
  // counts as not done because one of its own checks fails, not because the whole module threw.
  // Also: at most one step without checks, the lesson's opening.
  it.runIf(lesson.meta.steps.length > 0)("has a starter that leaves every step with checks undone, and only its opening without checks", async () => {
    const steps = stepsOf(lesson.meta, []);
    const reading = steps.flatMap((s, i) => (s.checks.length === 0 ? [i] : []));
    expect(reading.length <= 1 && reading.every((i) => i === 0), `steps without checks: ${reading.map((i) => steps[i].title).join(", ")}`).toBe(true);
    const result = await runFile(lesson, "starter.ts");
    expect(result.error, result.error?.message).toBeNull();
    const outcomes = result.checks.map((c) => ({ name: c.name, state: c.passed ? ("passed" as const) : ("failed" as const) }));
    const done = [...doneAfterRun(steps, outcomes, new Set())].map((i) => steps[i].title);
    expect(done, "steps the starter already completes").toEqual(STARTER_COMPLETES[lesson.meta.id] ?? []);
  });
});

describe("the pagination checks fit the statement limit at the page's million rows", () => {
  // The walk to the end cuts the feed to its first 3,000 posts. Deleting the rest row by row
  // (~997,000 rows on the page) ran past the lesson's 5 s statement limit in the browser, so a
  // correct solution failed; no check statement may write or return rows in proportion to the feed.
  it("no check statement writes or returns more rows than the walk keeps, whatever the feed's size", async () => {
    const statements: PostgresQueryTrace[] = [];
    const result = await runFile(lessons.find((l) => l.meta.id === "pagination")!, "solution.ts", (batch) => {
      for (const event of batch.events) if (event.source === "postgres") statements.push(event);
    });
    expect(allPassed(result)).toBe(true);
    expect(statements.length).toBeGreaterThan(0);
    const heavy = statements.filter((s) => (s.rowCount ?? 0) > 3_100).map((s) => `${s.text} (${s.rowCount} rows)`);
    expect(heavy).toEqual([]);
  });
});

// A wrong pagination solution (a cursor on created_at alone, which skips posts that share a second)
// passes every check on the seeded data; only the ties the checks insert show it up. Learner code
// holds the same `db` as the checks, so each attack below tries to take the checks' view away.
describe("Postgres checks cannot be faked by learner code", () => {
  const pagination = lessons.find((l) => l.meta.id === "pagination");
  const wrong = () =>
    readFileSync(join(pagination!.dir, "solution.ts"), "utf8").replace(
      "WHERE (created_at, id) > ($1, $2) ORDER BY created_at, id LIMIT $3`,\n        [cursor.createdAt, cursor.id, PAGE_SIZE + 1]",
      "WHERE created_at > $1 ORDER BY created_at, id LIMIT $2`,\n        [cursor.createdAt, PAGE_SIZE + 1]",
    );

  it("the wrong solution fails on its own (the ties catch it)", async () => {
    expect(wrong()).not.toBe(readFileSync(join(pagination!.dir, "solution.ts"), "utf8"));
    expect(allPassed(await runCode(pagination!, wrong()))).toBe(false);
  });

  const ATTACKS: Record<string, string> = {
    "replace db.query to drop the checks' INSERT of tied posts": `import { db as shared } from "playground/postgres";
const real = shared.query;
(shared as any).query = (text: string, values?: unknown[]) =>
  text.startsWith("INSERT INTO feed_items") && text.includes("same_second") ? Promise.resolve({ rows: [], fields: [], rowCount: 0 }) : real(text, values);`,
    "replace db.explain to fake an index plan": `import { db as shared } from "playground/postgres";
(shared as any).explain = async () => ({ Plan: { "Node Type": "Index Scan", "Index Name": "feed_items_pkey", "Actual Rows": 1 } });`,
    "import the checks' own Postgres module to answer their statements": `import { watchStatements } from "playground/checks/postgres";
void watchStatements(() => new Promise(() => {}), { forward: 0 });`,
  };
  for (const [name, attack] of Object.entries(ATTACKS)) {
    it(`cannot: ${name}`, async () => {
      const result = await runCode(pagination!, `${attack}\n${wrong()}`);
      expect(allPassed(result)).toBe(false);
      expect(result.error?.message).toMatch(/read only|read-only|not extensible|Cannot assign|playground\/checks\/postgres/);
    });
  }
});

/**
 * A plausible mistake: the solution with these replacements in its text, and the check that must
 * fail. `moduleThrows`: the module's own demo already fails on it, so no check runs at all.
 */
type Mistakes = Record<string, { edits: [from: string, to: string][]; fails: RegExp; moduleThrows?: boolean }>;

/** One test per mistake: the solution so changed still loads, and fails the check about it. */
function catchesEach(lesson: FoundLesson, mistakes: Mistakes) {
  const solution = readFileSync(join(lesson.dir, "solution.ts"), "utf8");
  for (const [name, { edits, fails, moduleThrows }] of Object.entries(mistakes)) {
    it(`catches ${name}`, async () => {
      let wrong = solution;
      for (const [from, to] of edits) {
        expect(wrong).toContain(from);
        wrong = wrong.replace(from, to);
      }
      const result = await runCode(lesson, wrong);
      if (moduleThrows) expect(result.error?.kind).toBe("runtime");
      else expect(result.error, result.error?.message).toBeNull();
      const names = result.checks.filter((c) => !c.passed).map((c) => c.name);
      expect(names.some((n) => fails.test(n)), names.join("; ")).toBe(true);
    });
  }
}

// Each plausible mistake in the websockets lesson is caught by the check about it: the solution
// with one thing undone (a list of replacements in its text).
describe("the websockets checks catch each mistake", () => {
  const websockets = lessons.find((l) => l.meta.id === "websockets")!;
  const SAFE_BROADCAST = `for (const ws of [...this.sockets]) {
      try {
        await ws.sendText(text);
      } catch {
        this.sockets.delete(ws); // gone between its last frame and this one
      }
    }`;
  const MISTAKES: Mistakes = {
    "broadcasting in memory instead of publishing": {
      edits: [["await publisher.publish(CHANNEL, `${user}: ${text}`);", "await manager.broadcast(`${user}: ${text}`);"]],
      fails: /With 4 workers/,
    },
    // The starter's broadcast, which does not expect a send to fail, and nothing done on disconnect.
    "keeping sockets that left in the manager": {
      edits: [
        [SAFE_BROADCAST, "for (const ws of this.sockets) await ws.sendText(text);"],
        ["} finally {\n    manager.remove(ws);\n  }", "}"],
      ],
      fails: /A client that leaves/,
    },
    "closing before accepting": {
      edits: [['app.websocket("/ws", async (ws) => {\n  await ws.accept();', 'app.websocket("/ws", async (ws) => {']],
      fails: /unknown token is closed with 4001/,
      // The module's demo (a client sending after a refused handshake) throws before any check.
      moduleThrows: true,
    },
    "no time limit on the first message": {
      edits: [["await waitFor(ws.receiveJson(), AUTH_TIMEOUT_MS)", "await ws.receiveJson()"]],
      fails: /4002 after AUTH_TIMEOUT_MS/,
    },
  };
  catchesEach(websockets, MISTAKES);
});

// Each plausible mistake in the validation lesson's signup model fails at least one check, and the
// check about it: the solution with one rule taken out or put in the wrong place.
describe("the validation checks catch each mistake", () => {
  const validation = lessons.find((l) => l.meta.id === "validation")!;
  const DIGIT_RULE = `    fieldValidators: {
      password: (password) => {
        if (!/[0-9]/.test(password)) throw new Error("password needs a digit");
        return password;
      },
    },
`;
  const MATCH_RULE = `        if (signup.password !== signup.password_repeat) throw new Error("passwords do not match");`;
  const MISTAKES: Mistakes = {
    "a float for age": { edits: [["age: int({ ge: 13 })", "age: float({ ge: 13 })"], ["bool, int, model", "bool, float, int, model"]], fails: /age is a whole number/ },
    "no minimum age": { edits: [["age: int({ ge: 13 })", "age: int()"]], fails: /age is a whole number/ },
    "newsletter left as text": { edits: [["newsletter: bool({ default: false })", 'newsletter: str({ default: "no" })']], fails: /good signup is accepted/ },
    "no minimum password length": { edits: [["password: str({ minLength: 8 })", "password: str()"]], fails: /Several mistakes/ },
    "no minimum username length": { edits: [["username: str({ minLength: 3 })", "username: str()"]], fails: /Several mistakes/ },
    "no pattern for the email": { edits: [['email: str({ pattern: "^[^@ ]+@[^@ ]+$" })', "email: str()"]], fails: /password without a digit/ },
    "the digit rule in the model validator": {
      edits: [
        [DIGIT_RULE, ""],
        [MATCH_RULE, `        if (!/[0-9]/.test(signup.password)) throw new Error("password needs a digit");\n${MATCH_RULE}`],
      ],
      fails: /password without a digit/,
    },
    "no check that the passwords match": { edits: [[MATCH_RULE, ""]], fails: /Two different passwords/ },
    "validating the body inside the endpoint (a 500)": {
      edits: [
        [
          'app.post("/signup", ({ signup }) => ({ username: signup.username, newsletter: signup.newsletter }), { body: { signup: Signup } });',
          'app.post("/signup", async (_params, { request }) => {\n  const signup = Signup.validate(await request.json());\n  return { username: signup.username, newsletter: signup.newsletter };\n});',
        ],
      ],
      fails: /POST \/signup answers FastAPI's 422/,
    },
    "the match checked at password_repeat": {
      edits: [
        [MATCH_RULE, ""],
        ["      password: (password) => {", '      password_repeat: (repeat, { data }) => {\n        if (repeat !== data.password) throw new Error("passwords do not match");\n        return repeat;\n      },\n      password: (password) => {'],
      ],
      fails: /Two different passwords/,
    },
  };
  catchesEach(validation, MISTAKES);
});

// Each plausible mistake in the serialization lesson's message format fails the check about it.
describe("the serialization checks catch each mistake", () => {
  const serialization = lessons.find((l) => l.meta.id === "serialization")!;
  const solution = readFileSync(join(serialization.dir, "solution.ts"), "utf8");
  const GUARD = `if (payload.length > MAX_PAYLOAD) {
    throw new RangeError(\`payload is \${payload.length} bytes; a message holds at most \${MAX_PAYLOAD}\`);
  }`;
  const MISTAKES: Record<string, { from: string; to: string; fails: RegExp }> = {
    "a little-endian length": { from: 'HEADER = ">BH"', to: 'HEADER = "<BH"', fails: /big-endian u16 length/ },
    "a length in characters": {
      from: "struct.pack(`${HEADER}${payload.length}s`, type, payload.length, payload)",
      to: "struct.pack(`${HEADER}${text.length}s`, type, text.length, payload)",
      fails: /counts UTF-8 bytes/,
    },
    "no limit on the payload (struct's own error does not name the payload)": { from: GUARD, to: "", fails: /65,536 are refused/ },
    "a limit one byte too low": { from: "payload.length > MAX_PAYLOAD", to: "payload.length >= MAX_PAYLOAD", fails: /65,535 payload bytes fit/ },
    "a message needing a payload byte": {
      from: "bytes.length - offset < HEADER_SIZE",
      to: "bytes.length - offset <= HEADER_SIZE",
      fails: /empty payload/,
    },
    "the next offset added instead of set": { from: "offset = read.next;", to: "offset += read.next;", fails: /Several messages/ },
    "no check that the payload has all arrived": { from: "if (end > bytes.length) return null;", to: "", fails: /truncated/ },
    "a reader that drops an unfinished message": {
      from: "this.pending = bytes.slice(offset);",
      to: "this.pending = new Uint8Array(0);",
      fails: /stream cut into chunks/,
    },
    "an end() that accepts leftover bytes": { from: "if (this.pending.length > 0) {", to: "if (false) {", fails: /truncated/ },
  };
  for (const [name, { from, to, fails }] of Object.entries(MISTAKES)) {
    it(`catches ${name}`, async () => {
      expect(solution).toContain(from);
      const result = await runCode(serialization, solution.replace(from, to));
      const names = result.checks.filter((c) => !c.passed).map((c) => c.name);
      expect(names.some((n) => fails.test(n)), names.join("; ")).toBe(true);
    });
  }
});

// Each plausible mistake in the dns lesson's iterative resolver fails the check about it. "glue
// ignored" recurses without end (a server's address needs the server): the checks report that too.
describe("the dns checks catch each mistake", () => {
  const dns = lessons.find((l) => l.meta.id === "dns")!;
  const MISTAKES: Mistakes = {
    "no CNAME following": {
      edits: [
        ['let alias = this.get(current, "CNAME")?.records[0];', "let alias: ResourceRecord | undefined;"],
        ['alias = own.find((set) => set[0].type === "CNAME")?.[0];', "alias = undefined;"],
      ],
      fails: /Follows CNAMEs/,
    },
    "no loop guard": { edits: [["if (seen.has(current.toLowerCase()) || chain.length > MAX_CNAMES)", "if (false)"]], fails: /CNAME loop/ },
    "a cache that keeps entries forever": { edits: [["if (entry.expires > this.net.now()) return entry;", "return entry;"]], fails: /TTL runs out/ },
    "TTLs read as milliseconds": { edits: [["expires: this.net.now() + ttl * 1000, negative: null", "expires: this.net.now() + ttl, negative: null"]], fails: /within the TTL|TTL runs out/ },
    "no cache at all": { edits: [["this.cache.set(keyOf(set[0].name, set[0].type),", "void ("]], fails: /within the TTL/ },
    "no negative caching": { edits: [['if (!soa || soa.data.kind !== "SOA") return;', "return;"]], fails: /Negative answers/ },
    "a fixed negative TTL of an hour": { edits: [["Math.min(soa.ttl, soa.data.minimum)", "3600"]], fails: /Negative answers/ },
    "glue ignored": {
      edits: [
        ["for (const set of groups(glue)) this.store(set);", ""],
        ["return ns.map((n) => ({ name: targetOf(n), address: this.addressIn(targetOf(n)) }));", "return ns.map((n) => ({ name: targetOf(n), address: null }));"],
      ],
      fails: /glue/,
    },
    "a lame server's REFUSED taken as the answer": { edits: [['if (response.rcode !== "NOERROR" && response.rcode !== "NXDOMAIN") continue;', ""]], fails: /lame/ },
    "a silent server ending the resolution": { edits: [["continue; // ETIMEOUT", "return null; // ETIMEOUT"]], fails: /silent/ },
    "every resolution starting at the root": { edits: [['const ns = this.get(zone, "NS");', "const ns = undefined as Entry | undefined;"]], fails: /cached referrals skip the root/ },
  };
  catchesEach(dns, MISTAKES);

  it("refuses the resolver under test the engine's own resolvers, saying why", async () => {
    const solution = readFileSync(join(dns.dir, "solution.ts"), "utf8");
    const from = "async resolve(name: string, type: RecordType): Promise<Answer> {";
    expect(solution).toContain(from);
    const cheat = `${from}\n    const r = await this.net.reference(name, type);\n    return { rcode: r.rcode, records: r.answer };`;
    const result = await runCode(dns, solution.replace(from, cheat));
    expect(result.checks.filter((c) => c.passed).map((c) => c.name)).toEqual([]);
    expect(result.checks.find((c) => /CNAME loop/.test(c.name))?.message).toMatch(/net\.reference resolves for you/);
  });
});

// Each plausible mistake in the background-tasks lesson fails the check about it: the solution with
// one guard taken out (a task left unreferenced, the email awaited in the request, threads for
// CPU work, the email sent or a 200 answered by the signup route, the in-memory queue, a job or a
// send without its idempotency key, a send not awaited).
describe("the background-tasks checks catch each mistake", () => {
  const lesson = lessons.find((l) => l.meta.id === "background-tasks")!;
  const SEND = 'await job.once(() => mailer.send(job.payload.to, "Welcome!", { idempotencyKey: job.key }));';
  const MISTAKES: Mistakes = {
    "a task nothing references": { edits: [["  backgroundTasks.add(task);\n", ""]], fails: /survives gc\(\)/ },
    "a set that never lets go": { edits: [["  task.addDoneCallback((t) => backgroundTasks.discard(t));\n", ""]], fails: /let go of/ },
    "the email awaited in the endpoint": { edits: [["background.addTask(sendWelcomeEmail, email);", "await sendWelcomeEmail(email);"]], fails: /answers before the welcome email/ },
    "CPU work on threads": { edits: [["toProcess(thumbnail)", "toThread(thumbnail)"], ["toProcess, TaskSet,", "toProcess, toThread, TaskSet,"]], fails: /overlap on the process pool/ },
    "CPU work on the loop's own thread": {
      edits: [["toProcess(thumbnail)", "(async () => { cpu(200); return \"thumb\"; })"], ["toProcess, TaskSet,", "toProcess, cpu, TaskSet,"]],
      fails: /overlap on the process pool/,
    },
    "the email sent inside the signup endpoint": { edits: [["    await queue.add(", "    await mailer.send(email, \"Welcome!\");\n    await queue.add("]], fails: /answers at once/ },
    "the signup route answering 200 instead of 202 Accepted": { edits: [["  }, { statusCode: 202 });", "  });"]], fails: /answers at once/ },
    "the in-memory queue": {
      edits: [["await durableQueue<{ to: string }>(redis.createClient({ name: \"api\" }), { backoffMs: 500 })", "memoryQueue<{ to: string }>({ backoffMs: 500 })"], ["createRedis, durableQueue,", "createRedis, durableQueue, memoryQueue,"]],
      fails: /crash mid-send/,
    },
    "no idempotency key for the provider": { edits: [[SEND, 'await job.once(() => mailer.send(job.payload.to, "Welcome!"));']], fails: /crash mid-send/ },
    "no key on the job": { edits: [["{ to: email }, { key: `welcome:${email}` }", "{ to: email }"]], fails: /Signing up twice/ },
    "a failed send swallowed (acknowledged without the email)": { edits: [[SEND, SEND.replace(");", ").catch(() => false);")]], fails: /failed send is retried/ },
  };
  catchesEach(lesson, MISTAKES);
});
