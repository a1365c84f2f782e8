import { defineChecks, expect } from "playground/checks";
import { run, sleep, gc, loopTime, createTask } from "playground/tasks";
import { FastAPI, TestClient } from "playground/web";
import type * as Solution from "./solution";

/** A mail provider on the loop's clock: 300 ms for the request to arrive, 300 ms for the reply. Like real ones, it sends a key's email once. */
function fakeMailer(options: { failFirst?: number } = {}) {
  const inbox: string[] = [];
  const keys = new Set<string>();
  let failures = options.failFirst ?? 0;
  let calls = 0;
  return {
    inbox,
    calls: () => calls,
    async send(to: string, _subject: string, opts: { idempotencyKey?: string } = {}) {
      calls++;
      await sleep(300);
      if (failures > 0) {
        failures--;
        throw new Error("421 Service not available, try again later");
      }
      const key = opts.idempotencyKey;
      if (key === undefined || !keys.has(key)) inbox.push(to);
      if (key !== undefined) keys.add(key);
      await sleep(300);
    },
  };
}

const count = (list: string[], who: string) => list.filter((x) => x === who).length;

/** POST /signup on the signup service's app, through the TestClient, from the loop task that calls it. */
async function signUp(service: Solution.SignupService, email: string) {
  expect(service.app, "the app createSignupService returns").to.be.instanceOf(FastAPI);
  return new TestClient(service.app).post("/signup", { json: { email } });
}

export default defineChecks<typeof Solution>([
  {
    name: "A spawned task survives gc() and finishes",
    hint: [
      "The loop keeps only a weak reference to a task: with nothing else holding it, gc() destroys it while it waits.",
      "In spawn, add the task to backgroundTasks before returning it.",
    ],
    run: async ({ spawn, providerReply, providerAnswers }) => {
      const done: string[] = [];
      await run(async () => {
        spawn(async () => {
          await providerReply();
          done.push("email");
        }, "send-email");
        await sleep(0);
        await gc();
        await sleep(100);
        providerAnswers();
        await sleep(10);
      });
      expect(done, "what the spawned task finished (it waits for the provider's reply; gc() runs meanwhile)").to.deep.equal(["email"]);
    },
  },
  {
    name: "A finished task is let go of",
    hint: ["A set that only grows holds every task ever spawned: a leak.", "task.addDoneCallback((t) => backgroundTasks.discard(t)) removes it when it is done, whatever its outcome."],
    run: async ({ spawn, backgroundTasks }) => {
      await run(async () => {
        spawn(async () => void (await sleep(50)), "quick");
        spawn(async () => {
          await sleep(80);
          throw new Error("bounced");
        }, "failing").addDoneCallback((t) => void t.exception());
        await sleep(0);
        expect(backgroundTasks.size, "tasks held while they run").to.be.at.least(2);
        await sleep(200);
      });
      expect(backgroundTasks.size, "tasks still held after both finished (one failed)").to.equal(0);
    },
  },
  {
    name: "POST /signup answers before the welcome email is sent",
    hint: [
      "Awaiting the email in the endpoint makes the client wait for it.",
      "Take `background` from the endpoint's second argument and background.addTask(sendWelcomeEmail, email): it runs after the response is sent.",
    ],
    run: async ({ app, outbox }) => {
      const before = outbox.length;
      let sentBeforeResponse: string[] | null = null;
      // The outermost layer sees the response leave the app: what had the outbox by then?
      app.addMiddleware(async function responseSent(request, callNext) {
        const response = await callNext(request);
        sentBeforeResponse = outbox.slice(before);
        return response;
      });
      const response = await new TestClient(app).post("/signup", { json: { email: "ada@example.com" } });
      expect(response.json(), "the body of POST /signup").to.deep.equal({ status: "welcome", email: "ada@example.com" });
      expect(outbox.slice(before), "emails the request sent").to.deep.equal(["ada@example.com"]);
      expect(sentBeforeResponse, "emails already sent when the response left the app").to.deep.equal([]);
    },
  },
  {
    name: "Four thumbnails overlap on the process pool",
    hint: [
      "Threads share one GIL: four CPU-bound thumbnails on threads take as long as one after another (800 ms).",
      "toProcess(thumbnail) runs each in one of two child processes, each with its own GIL.",
    ],
    run: async ({ makeThumbnails }) => {
      let took = 0;
      let ticks = 0;
      await run(async () => {
        const heartbeat = createTask(async () => {
          for (;;) {
            await sleep(10);
            ticks++;
          }
        }, "heartbeat");
        const start = loopTime();
        const thumbs = await makeThumbnails(4);
        took = loopTime() - start;
        heartbeat.cancel();
        expect(thumbs, "makeThumbnails(4)'s results").to.have.length(4);
      });
      // 4 × 200 ms of CPU on two processes: about 400 ms plus the forks and the pickles.
      expect(took, "virtual ms makeThumbnails(4) took (one after another: 800)").to.be.below(500);
      expect(ticks, "10 ms heartbeats the loop ran meanwhile (the loop must stay free)").to.be.at.least(Math.floor(took / 10) - 5);
    },
  },
  {
    name: "Signup answers at once and every user gets a welcome email",
    hint: [
      "The endpoint should only enqueue (XADD takes no loop time here) and answer 202 Accepted ({ statusCode: 202 }); a worker sends the email.",
    ],
    run: async ({ createSignupService }) => {
      const mailer = fakeMailer();
      await run(async () => {
        const service = await createSignupService(mailer);
        for (const who of ["ada@example.com", "bob@example.com", "cy@example.com"]) {
          const start = loopTime();
          const response = await signUp(service, who);
          expect(response.status, `POST /signup's status for ${who}`).to.equal(202);
          expect(loopTime() - start, `virtual ms POST /signup took for ${who} (an email takes 600)`).to.be.below(50);
        }
        await sleep(5000);
        await service.queue.stop();
      });
      expect([...mailer.inbox].sort(), "emails delivered").to.deep.equal(["ada@example.com", "bob@example.com", "cy@example.com"]);
    },
  },
  {
    name: "A worker crash mid-send loses no email and sends none twice",
    hint: [
      "An in-memory queue loses the job its worker held: use durableQueue on createRedis(), whose pending list survives the crash.",
      "The crash comes after the provider accepted the email, before its reply: the job is delivered again. Give add a key and pass job.key to mailer.send as its idempotencyKey.",
    ],
    run: async ({ createSignupService }) => {
      // Before the provider has the email (150 ms in), and after it has it but before its reply (450 ms).
      for (const [crashAt, when] of [[150, "before the provider had the email"], [450, "after the provider took the email, before its reply"]] as const) {
        const mailer = fakeMailer();
        let crashed = "";
        await run(async () => {
          const service = await createSignupService(mailer);
          await signUp(service, "ada@example.com");
          await sleep(crashAt);
          const holder = service.queue.workers().find((w) => w.holding().length > 0);
          expect(holder, `a worker holding ada's job ${crashAt} ms after signup`).to.not.equal(undefined);
          crashed = holder!.name;
          holder!.crash();
          await sleep(70_000);
          await service.queue.stop();
        });
        expect(count(mailer.inbox, "ada@example.com"), `welcome emails ada got when ${crashed} crashed ${when} (70 s later)`).to.equal(1);
      }
    },
  },
  {
    name: "A failed send is retried",
    hint: ["Let the error reach the queue: await mailer.send in the handler, so the job is not acknowledged until the email went out."],
    run: async ({ createSignupService }) => {
      const mailer = fakeMailer({ failFirst: 1 });
      await run(async () => {
        const service = await createSignupService(mailer);
        await signUp(service, "ada@example.com");
        await sleep(70_000);
        await service.queue.stop();
      });
      expect(mailer.calls(), "calls to the provider (the first failed)").to.be.at.least(2);
      expect(mailer.inbox, "emails delivered").to.deep.equal(["ada@example.com"]);
    },
  },
  {
    name: "Signing up twice sends one welcome email",
    hint: ["A double click is two jobs: give queue.add a key that names the welcome (`welcome:${email}`), and let job.once skip the second."],
    run: async ({ createSignupService }) => {
      const mailer = fakeMailer();
      await run(async () => {
        const service = await createSignupService(mailer);
        await signUp(service, "ada@example.com");
        await sleep(1000);
        await signUp(service, "ada@example.com");
        await sleep(5000);
        await service.queue.stop();
      });
      expect(mailer.inbox, "emails delivered for two signups of ada").to.deep.equal(["ada@example.com"]);
    },
  },
]);
