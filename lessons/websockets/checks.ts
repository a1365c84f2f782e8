import { defineChecks, expect } from "playground/checks";
import { startCluster, type Cluster, type SimClient } from "playground/cluster";
import type * as Solution from "./solution";

type Lesson = typeof Solution;

const USERS = ["ada", "grace", "linus"] as const;

/** A client that has presented a valid token (the lesson's own table) and been let in. */
async function join(cluster: Cluster, lesson: Lesson, user: (typeof USERS)[number]): Promise<SimClient> {
  const token = Object.entries(lesson.TOKENS).find(([, u]) => u === user)?.[0];
  expect(token, `a token for ${user} in TOKENS`).to.be.a("string");
  const client = await cluster.connect("/ws");
  await client.sendJson({ token });
  return client;
}

/** `n` authenticated clients, round-robin over the workers. */
async function room(cluster: Cluster, lesson: Lesson, n: number): Promise<SimClient[]> {
  const clients: SimClient[] = [];
  for (let i = 0; i < n; i++) clients.push(await join(cluster, lesson, USERS[i % USERS.length]));
  await cluster.settle();
  return clients;
}

const heard = (client: SimClient, text: string) => client.received.includes(text);

/** Which clients (by number) did not receive `text`, with their workers. */
function missed(clients: SimClient[], text: string): string {
  const who = clients.filter((c) => !heard(c, text)).map((c) => `client ${c.id} (worker ${c.worker})`);
  return who.length === 0 ? "nobody" : who.join(", ");
}

async function withCluster<T>(options: Parameters<typeof startCluster>[0], fn: (cluster: Cluster) => Promise<T>): Promise<T> {
  const cluster = await startCluster(options);
  try {
    return await fn(cluster);
  } finally {
    await cluster.stop();
  }
}

export default defineChecks<Lesson>([
  {
    name: "On one worker, a message reaches every client as \"<user>: <text>\"",
    hint: "Broadcast `${user}: ${text}` to every socket in the manager, the sender's included.",
    run: (lesson) =>
      withCluster({ workers: 1 }, async (cluster) => {
        const clients = await room(cluster, lesson, 5);
        await clients[1].send("one worker is easy");
        await cluster.settle();
        const text = "grace: one worker is easy";
        expect(missed(clients, text), `clients that did not receive "${text}"`).to.equal("nobody");
      }),
  },
  {
    name: "An unknown token is closed with 4001, a missing one with 4002 after AUTH_TIMEOUT_MS",
    hint: [
      "Accept, then wait for the first frame with waitFor(ws.receiveJson(), AUTH_TIMEOUT_MS).",
      "A TimeoutError means it did not come: ws.close(4002, …). A token not in TOKENS: ws.close(4001, …). Close codes chosen before accept() cannot reach the client.",
    ],
    run: (lesson) =>
      withCluster({ workers: 1 }, async (cluster) => {
        const listener = await join(cluster, lesson, "ada");
        const intruder = await cluster.connect("/ws");
        await intruder.sendJson({ token: "tok-mallory" });
        await intruder.send("let me in");
        const silent = await cluster.connect("/ws");
        await cluster.settle();
        expect(intruder.accepted, "the handshake was accepted first, so the close code reaches the client").to.equal(true);
        expect(intruder.closed?.code, "close code for an unknown token").to.equal(4001);
        expect(listener.received.some((m) => m.includes("let me in")), "the intruder's message was broadcast").to.equal(false);
        expect(silent.closed, "a client that sent nothing, before the timeout").to.equal(null);
        await cluster.sleep(lesson.AUTH_TIMEOUT_MS + 50);
        // Real workers' timers can run late on a busy machine: give the close up to a second more.
        for (let i = 0; i < 20 && silent.closed === null; i++) await cluster.sleep(50);
        await cluster.settle();
        expect(silent.closed?.code, `close code for no token within ${lesson.AUTH_TIMEOUT_MS} ms`).to.equal(4002);
        expect(listener.closed, "the authenticated client is still connected").to.equal(null);
      }),
  },
  {
    name: "A client that leaves is taken out of the manager: the next message reaches everyone left",
    hint: "Catch WebSocketDisconnect around the receive loop and remove the socket in a finally block.",
    run: (lesson) =>
      withCluster({ workers: 1 }, async (cluster) => {
        const clients = await room(cluster, lesson, 6);
        // The first to join leaves first: a manager that keeps it stumbles on it before the others.
        await clients[0].close(1000, "bye");
        await clients[2].close(4000, "switching rooms");
        await cluster.settle();
        const stay = clients.filter((c) => c !== clients[0] && c !== clients[2]);
        await stay[0].send("who is still here?");
        await cluster.settle();
        const text = "grace: who is still here?";
        expect(missed(stay, text), `clients still connected that did not receive "${text}"`).to.equal("nobody");
        const stats = cluster.stats();
        expect(stats[0].connections, "connections the worker still holds").to.equal(4);
      }),
  },
  {
    name: "With 4 workers, a message reaches every client on every worker",
    hint: [
      "Each worker imports your module on its own: a manager in worker 1 knows only worker 1's clients.",
      "Publish each message on the broker (createBrokerClient().publish(\"chat\", …)), and in the app's lifespan subscribe each worker to the channel and broadcast what arrives to its own clients.",
    ],
    run: (lesson) =>
      withCluster({ workers: 4 }, async (cluster) => {
        const clients = await room(cluster, lesson, 12);
        expect(new Set(clients.map((c) => c.worker)).size, "workers the clients were spread over").to.equal(4);
        await clients[0].send("can everyone hear me?");
        await clients[7].send("yes, from worker 4");
        await cluster.settle();
        for (const text of ["ada: can everyone hear me?", "grace: yes, from worker 4"]) {
          expect(missed(clients, text), `clients that did not receive "${text}"`).to.equal("nobody");
        }
        for (const client of clients) {
          expect(client.received.filter((m) => m === "ada: can everyone hear me?").length, `copies client ${client.id} received`).to.equal(1);
        }
      }),
  },
  {
    name: "With a worker killed, the clients of the other workers keep chatting",
    hint: "With pub/sub the broadcast does not depend on any one worker. The killed worker's clients see 1006 and would reconnect.",
    run: (lesson) =>
      withCluster({ workers: 4 }, async (cluster) => {
        const clients = await room(cluster, lesson, 12);
        await cluster.kill(2);
        await cluster.settle();
        const dead = clients.filter((c) => c.worker === 2);
        const alive = clients.filter((c) => c.worker !== 2);
        for (const c of dead) expect(c.closed?.code, `close code seen by client ${c.id} of the killed worker`).to.equal(1006);
        await alive[alive.length - 1].send("still here");
        const newcomer = await join(cluster, lesson, "linus");
        await cluster.settle();
        expect(newcomer.worker, "the load balancer's choice for a new connection").to.not.equal(2);
        await newcomer.send("me too");
        await cluster.settle();
        const first = `${USERS[(clients.indexOf(alive[alive.length - 1])) % 3]}: still here`;
        expect(missed(alive, first), `clients of live workers that did not receive "${first}"`).to.equal("nobody");
        expect(missed([...alive, newcomer], "linus: me too"), "clients that did not receive \"linus: me too\"").to.equal("nobody");
      }),
  },
]);
