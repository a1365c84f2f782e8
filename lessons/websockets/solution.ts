// A chat over WebSockets that works on any number of workers: first-message authentication with
// a time limit, clean disconnects, and Redis pub/sub between the workers.
import { FastAPI, WebSocketDisconnect, type WebSocket } from "playground/web";
import { createBrokerClient, isMain, startCluster, waitFor, TimeoutError } from "playground/cluster";

export const TOKENS: Record<string, string> = { "tok-ada": "ada", "tok-grace": "grace", "tok-linus": "linus" };
export const AUTH_TIMEOUT_MS = 1000;
const CHANNEL = "chat";

/** The open sockets of THIS worker. */
class ConnectionManager {
  private readonly sockets = new Set<WebSocket>();
  add(ws: WebSocket) {
    this.sockets.add(ws);
  }
  remove(ws: WebSocket) {
    this.sockets.delete(ws);
  }
  async broadcast(text: string) {
    // A copy: a socket may leave while we are sending.
    for (const ws of [...this.sockets]) {
      try {
        await ws.sendText(text);
      } catch {
        this.sockets.delete(ws); // gone between its last frame and this one
      }
    }
  }
}

const manager = new ConnectionManager();
// One connection publishes; a subscribed connection can do nothing but listen.
const publisher = createBrokerClient();
const subscriber = createBrokerClient();

export const app = new FastAPI({
  // Runs in each worker as it starts (and stops): the broker connections belong to a running worker.
  lifespan: async function* () {
    await publisher.connect();
    await subscriber.connect();
    await subscriber.subscribe(CHANNEL, (text) => manager.broadcast(text));
    yield;
    await subscriber.close();
    await publisher.close();
  },
});

/** Who the first frame says this is, or the close code to answer with. */
async function authenticate(ws: WebSocket): Promise<string | 4001 | 4002> {
  try {
    const first = (await waitFor(ws.receiveJson(), AUTH_TIMEOUT_MS)) as { token?: unknown } | null;
    const user = typeof first?.token === "string" ? TOKENS[first.token] : undefined;
    return user ?? 4001;
  } catch (error) {
    if (error instanceof TimeoutError) return 4002;
    if (error instanceof SyntaxError) return 4001; // not JSON
    throw error;
  }
}

app.websocket("/ws", async (ws) => {
  await ws.accept();
  let user: string | 4001 | 4002;
  try {
    user = await authenticate(ws);
  } catch (error) {
    if (error instanceof WebSocketDisconnect) return;
    throw error;
  }
  if (user === 4001) return ws.close(4001, "unknown token");
  if (user === 4002) return ws.close(4002, "no token in time");

  manager.add(ws);
  try {
    while (true) {
      const text = await ws.receiveText();
      await publisher.publish(CHANNEL, `${user}: ${text}`);
    }
  } catch (error) {
    if (!(error instanceof WebSocketDisconnect)) throw error;
  } finally {
    manager.remove(ws);
  }
});

// Four workers, a few rounds of chat (slow enough to watch in the picture).
if (isMain) {
  const cluster = await startCluster({ workers: 4 });
  const clients = [];
  for (let i = 0; i < 8; i++) {
    const client = cluster.connect("/ws");
    client.sendJson({ token: "tok-ada" });
    clients.push(client);
  }
  await cluster.settle(); // everyone is in the room before the chat starts
  for (let round = 1; round <= 3; round++) {
    clients[round].send(`round ${round}`);
    await cluster.sleep(300);
  }
  await cluster.settle(); // everything sent has arrived
  const heard = clients.filter((c) => c.received.includes("ada: round 1")).length;
  console.log(`4 workers: ${heard} of ${clients.length} clients heard round 1`);
  await cluster.stop();
}
