// Work that should not hold up a response, in four parts. Each step of the lesson changes one.
import { run, createTask, sleep, gc, gather, Event, toThread, TaskSet, measureWorkers, isMainThread, memoryQueue, type Task, type ThreadContext, type JobQueue } from "playground/tasks";
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
  return createTask(fn, name);
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
  void background;
  await sendWelcomeEmail(email);
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
  return gather(Array.from({ length: count }, (_, i) => toThread(thumbnail, `thumb-${i}`)));
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
  const queue = memoryQueue<{ to: string }>({ backoffMs: 500 });
  for (const name of ["worker-1", "worker-2"]) {
    queue.worker(name, async (job) => {
      await mailer.send(job.payload.to, "Welcome!");
    });
  }
  const app = new FastAPI();
  // POST /signup {"email": …}: 202 Accepted, the email queued but not sent; a worker sends it.
  app.post("/signup", async (_params, { request }) => {
    const { email } = (await request.json()) as { email: string };
    await queue.add({ to: email });
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
