// `playground/web` as lesson code gets it (playground.ts): the WebSocket API is there, and a
// learner's app reports its WebSocket connections to the run's trace like its requests.
import { describe, expect, it } from "vitest";
import type { TraceEvent } from "../trace";
import { webModule } from "./playground";

describe("playground/web WebSockets", () => {
  it("exports the WebSocket API and traces connections on the run's clock", async () => {
    const events: TraceEvent[] = [];
    let clock = 100;
    const { FastAPI, TestClient, WebSocketDisconnect, WebSocketState, CLOSE_CODES, serveWebSocket } = webModule({
      now: () => clock++,
      trace: (e) => events.push(e),
    });
    expect([typeof serveWebSocket, WebSocketState.CONNECTED, CLOSE_CODES[1008].name]).toEqual(["function", "CONNECTED", "Policy Violation"]);
    const app = new FastAPI();
    app.websocket("/ws", async (ws) => {
      await ws.accept();
      await ws.sendText(await ws.receiveText());
    });
    const ws = await new TestClient(app).websocketConnect("/ws");
    ws.sendText("hi");
    expect(await ws.receiveText()).toBe("hi");
    await expect(ws.receiveText()).rejects.toBeInstanceOf(WebSocketDisconnect);
    const kinds = events.filter((e) => e.source === "web" && e.kind.startsWith("ws.")).map((e) => [e.kind, e.t >= 100]);
    expect(kinds).toEqual([["ws.connect", true], ["ws.accept", true]]);
  });
});

describe("playground/web: what escapes the app", () => {
  it("a failed after-response task: the client keeps its response; a TestClient that does not re-raise logs uvicorn's line; one that does re-raises and logs nothing", async () => {
    const lines: string[] = [];
    const { FastAPI, TestClient } = webModule({ now: () => 0, trace: () => {}, log: (level, text) => lines.push(`${level} ${text}`) });
    const app = new FastAPI();
    app.post("/signup", (_values, { background }) => {
      background.addTask(function sendWelcomeEmail() {
        throw new RangeError("SMTP down");
      });
      return { ok: true };
    });
    const response = await new TestClient(app, { raiseServerExceptions: false }).post("/signup");
    expect([response.status, response.json()]).toEqual([200, { ok: true }]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error Exception in ASGI application\n.*RangeError: SMTP down/s);
    await expect(new TestClient(app).post("/signup")).rejects.toThrow("SMTP down");
    expect(lines).toHaveLength(1);
  });
});
