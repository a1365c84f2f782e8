// After-response tasks as FastAPI runs them: added by the endpoint or a dependency, run in order
// after the response is sent; one that raises stops the rest, the response already sent stands,
// the request-scoped teardown sees the exception, and the app reports it.
import { describe, expect, it } from "vitest";
import { FastAPI } from "./app";
import type { WebAppTrace } from "./trace";
import { TestClient } from "../testclient/client";
import { Depends } from "../di/depends";

function tracedApp() {
  const events: WebAppTrace[] = [];
  const app = new FastAPI({ trace: (e) => events.push(e) });
  const kinds = () =>
    events
      .filter((e) => ["response.start", "response.end", "background", "dependency.teardown", "unhandled"].includes(e.kind))
      .map((e) => {
        if (e.kind === "background") return `bg ${e.phase} ${e.name}${e.error ? ` (${e.error})` : ""}`;
        if (e.kind === "dependency.teardown") return `teardown ${e.name} ${e.outcome}${e.error ? ` (${e.error})` : ""}`;
        if (e.kind === "unhandled") return `unhandled ${e.error}`;
        return e.kind;
      });
  return { app, kinds };
}

describe("after-response tasks (BackgroundTasks)", () => {
  it("run in the order added, a dependency's before the endpoint's, after the response and before the teardown", async () => {
    const log: string[] = [];
    const { app, kinds } = tracedApp();
    const session = async function* session(_: unknown, { background }: { background: { addTask(fn: () => void): void } }) {
      background.addTask(function auditLog() {
        log.push("audit");
      });
      yield "s";
      log.push("close session");
    };
    app.post("/signup", (_values, { background }) => {
      background.addTask(function sendWelcomeEmail(to: string) {
        log.push(`email ${to}`);
      }, "ada@example.com");
      log.push("answer");
      return { ok: true };
    }, { deps: { s: Depends(session as never) } });
    const response = await new TestClient(app).post("/signup");
    expect(response.json()).toEqual({ ok: true });
    expect(log).toEqual(["answer", "audit", "email ada@example.com", "close session"]);
    expect(kinds()).toEqual(["response.start", "response.end", "bg start auditLog", "bg end auditLog", "bg start sendWelcomeEmail", "bg end sendWelcomeEmail", "teardown session ok"]);
  });

  it("one that raises stops the rest; the response already sent stands; the teardown sees the error; the app reports it", async () => {
    const log: string[] = [];
    const { app, kinds } = tracedApp();
    const session = async function* session() {
      try {
        yield "s";
      } finally {
        log.push("close session");
      }
    };
    app.post("/signup", (_values, { background }) => {
      background.addTask(async function sendWelcomeEmail() {
        log.push("email");
        throw new ConnectionError("SMTP server refused");
      });
      background.addTask(function updateStats() {
        log.push("stats");
      });
      return { ok: true };
    }, { deps: { s: Depends(session as never) } });

    const client = new TestClient(app, { raiseServerExceptions: false });
    const response = await client.post("/signup");
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({ ok: true });
    expect(log).toEqual(["email", "close session"]);
    expect(kinds()).toEqual([
      "response.start",
      "response.end",
      "bg start sendWelcomeEmail",
      "bg failed sendWelcomeEmail (ConnectionError)",
      "bg skipped updateStats",
      "teardown session raised (ConnectionError)",
      "unhandled ConnectionError",
    ]);
    // Starlette's TestClient re-raises what escaped the app, by default.
    await expect(new TestClient(app).post("/signup")).rejects.toThrow("SMTP server refused");
  });
});

class ConnectionError extends Error {
  override name = "ConnectionError";
}
