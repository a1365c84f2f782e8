// A solution: a kept reference, an after-response task, a process pool, and a durable queue.
import { run, createTask, sleep, gc, gather, Event, toProcess, TaskSet, measureWorkers, isMainThread, createRedis, durableQueue, type Task, type ThreadContext, type JobQueue } from "playground/tasks";
import { FastAPI } from "playground/web";

// ── Keep a reference ──────────────────────────────────────────────────────────────────────
// asyncio.create_task: the loop itself keeps only a weak reference to a task.
export const backgroundTasks = new TaskSet();

// The replies the mail provider still owes. Its client keeps them weakly (a WeakValueDictionary
// in Python), so a reply, and the task waiting for it, is held by nothing but that task.
const owed: Event[] = [];

/** Waits for the provider's reply (made inside the task that waits, as a client's request is). */
export async function providerReply(): Promise<void> {
  const reply = new Event();
  owed.push(reply);
  await reply.wait();
}

/** The provider answers everything it owes. */
export function providerAnswers(): void {
  for (const reply of owed.splice(0)) reply.set();
}

/** Starts fn as a task that runs on its own while the caller goes on (fire and forget). */
export function spawn<T>(fn: () => Promise<T>, name?: string): Task<T> {
  const task = createTask(fn, name);
  // A strong reference until it is done, then let go of it (or the set only grows).
  backgroundTasks.add(task);
  task.addDoneCallback((t) => backgroundTasks.discard(t));
  return task;
}

// ── After the response ────────────────────────────────────────────────────────────────────
/** Every welcome email the app has sent, in order. */
export const outbox: string[] = [];

/** Talks to the mail provider: a few hundred milliseconds, every time. */
export async function sendWelcomeEmail(to: string): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 300));
  outbox.push(to);
}

export const app = new FastAPI();

// POST /signup {"email": …}. `background` is this request's BackgroundTasks (FastAPI's).
app.post("/signup", async (_params, { request, background }) => {
  const { email } = (await request.json()) as { email: string };
  // Runs after the response has been sent, in this same process.
  background.addTask(sendWelcomeEmail, email);
  return { status: "welcome", email };
});

// ── Threads, the GIL and processes ────────────────────────────────────────────────────────
/** One thumbnail: 200 ms of pure CPU work (Pillow resizing, say). */
export function* thumbnail(th: ThreadContext) {
  yield th.cpu(200);
  return `thumb from ${th.name}`;
}

/** Makes `count` thumbnails without blocking the event loop. */
export async function makeThumbnails(count: number): Promise<string[]> {
  // Each child process has a GIL of its own: the CPU work overlaps.
  return gather(Array.from({ length: count }, () => toProcess(thumbnail)));
}

/** The same kind of work for real: counts primes below n (what measureWorkers runs on real Web Workers). */
export function primesBelow(n: number): number {
  let count = 0;
  for (let i = 2; i < n; i++) {
    let prime = true;
    for (let d = 2; d * d <= i; d++) if (i % d === 0) { prime = false; break; }
    if (prime) count++;
  }
  return count;
}

// ── A durable queue ───────────────────────────────────────────────────────────────────────
/** The mail provider's API. Like real ones, it takes an idempotency key and sends a key's email only once. */
export interface Mailer {
  send(to: string, subject: string, options?: { idempotencyKey?: string }): Promise<void>;
}

export interface SignupService {
  /** The API with its route, POST /signup {"email": …}: the checks call it from a task on the loop. */
  app: FastAPI;
  /** The queue the welcome emails go through. */
  queue: JobQueue<{ to: string }>;
}

export async function createSignupService(mailer: Mailer): Promise<SignupService> {
  const redis = createRedis();
  const queue = await durableQueue<{ to: string }>(redis.createClient({ name: "api" }), { backoffMs: 500 });
  for (const name of ["worker-1", "worker-2"]) {
    queue.worker(name, async (job) => {
      // Skips a job whose email went out already; the provider's key covers a crash mid-send.
      await job.once(() => mailer.send(job.payload.to, "Welcome!", { idempotencyKey: job.key }));
    });
  }
  const app = new FastAPI();
  // POST /signup {"email": …}: 202 Accepted, the email queued but not sent; a worker sends it.
  app.post("/signup", async (_params, { request }) => {
    const { email } = (await request.json()) as { email: string };
    // One key per user's welcome: signing up twice is one email.
    await queue.add({ to: email }, { key: `welcome:${email}` });
    return { status: "welcome", email };
  }, { statusCode: 202 });
  return { app, queue };
}

// ── Your module's own run: what the picture shows before the checks' runs ──────────────────
if (isMainThread) {
  await run(async () => {
    spawn(async () => {
      await providerReply();
      console.log("the welcome email was sent");
    }, "send-email");
    await sleep(0);
    await gc(); // CPython collects when it likes; here, now
    await sleep(500);
    providerAnswers();
    await sleep(10);
    await makeThumbnails(4);
  });
  const timings = await measureWorkers({ exportName: "primesBelow", jobs: Array.from({ length: 8 }, () => [300_000]) });
  console.log("primesBelow on real workers:", timings.map((t) => `${t.workers} → ${Math.round(t.ms)} ms (×${t.speedup.toFixed(2)})`).join(", "));
}
