// A chat over WebSockets. This module runs in every worker of the cluster (each imports it on its
// own, as Uvicorn's workers do) and once in the run itself, where `isMain` is true.
import { FastAPI, type WebSocket } from "playground/web";
import { isMain, startCluster } from "playground/cluster";

/** The tokens a client may present, and whose they are. */
export const TOKENS: Record<string, string> = { "tok-ada": "ada", "tok-grace": "grace", "tok-linus": "linus" };
export const AUTH_TIMEOUT_MS = 1000;

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
    for (const ws of this.sockets) await ws.sendText(text);
  }
}

const manager = new ConnectionManager();

export const app = new FastAPI();

app.websocket("/ws", async (ws) => {
  await ws.accept();
  // Step 2: nobody is asked who they are.
  manager.add(ws);
  while (true) {
    const text = await ws.receiveText();
    // Step 2: a client that leaves stays in the manager.
    // Step 3: only this worker's clients hear it.
    await manager.broadcast(`anonymous: ${text}`);
  }
});

// Try it: a cluster of one worker, then of four, each with a few rounds of chat (slow enough to
// watch in the picture).
if (isMain) {
  for (const workers of [1, 4]) {
    const cluster = await startCluster({ workers });
    const clients = [];
    for (let i = 0; i < 8; i++) clients.push(cluster.connect("/ws"));
    await cluster.settle(); // everyone is in the room before the chat starts
    for (let round = 1; round <= 3; round++) {
      clients[round].send(`round ${round}`);
      await cluster.sleep(300);
    }
    await cluster.settle(); // everything sent has arrived
    const heard = clients.filter((c) => c.received.some((m) => m.endsWith("round 1"))).length;
    console.log(`${workers} worker(s): ${heard} of ${clients.length} clients heard round 1`);
    await cluster.stop();
  }
}
