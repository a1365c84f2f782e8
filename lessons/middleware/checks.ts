import { defineChecks, expect } from "playground/checks";
import { TestClient, type FastAPI } from "playground/web";
import type * as Solution from "./solution";

const BLOCKED = ["10.0.0.66", "192.0.2.13"];
const GUEST = "203.0.113.7";

// raiseServerExceptions: false, so a 500 comes back as a response the check can describe.
function from(app: FastAPI, host: string) {
  return new TestClient(app, { client: [host, 40000], raiseServerExceptions: false });
}

/** A guest's visit to /, a wrong path, and a blocked address: one response of each kind. */
function everyKind(app: FastAPI) {
  return [
    { what: "a guest's GET /", send: () => from(app, GUEST).get("/") },
    { what: "GET /nope", send: () => from(app, GUEST).get("/nope") },
    { what: `GET / from ${BLOCKED[0]} (blocked)`, send: () => from(app, BLOCKED[0]).get("/") },
  ];
}

async function visits(app: FastAPI): Promise<number> {
  const response = await from(app, GUEST).get("/");
  expect(response.status, "a guest's GET /").to.equal(200);
  return (response.json() as { visits: number }).visits;
}

export default defineChecks<typeof Solution>([
  {
    name: "Visitors from other addresses get in",
    hint: "Only the addresses in the blocked list are turned away: compare the whole of request.client?.host, not a part of it.",
    run: async ({ app }) => {
      for (const host of [GUEST, "10.0.0.67", "testclient"]) {
        const response = await from(app, host).get("/");
        expect(response.status, `GET / from ${host}`).to.equal(200);
      }
    },
  },
  {
    name: "A blocked address gets 403 {\"detail\": \"Forbidden\"}",
    hint: [
      "A blocked client must get status 403 and the JSON body {\"detail\": \"Forbidden\"}.",
      "Got a 500? An HTTPException raised in a middleware is never turned into a response: ExceptionMiddleware, which does that, sits inside your middleware. Return new JSONResponse({ detail: \"Forbidden\" }, { status: 403 }) instead.",
    ],
    run: async ({ app }) => {
      for (const host of BLOCKED) {
        const response = await from(app, host).get("/");
        const why = response.status === 500 ? " (a 500: did a middleware raise instead of returning a response?)" : "";
        expect(response.status, `GET / from ${host}${why}`).to.equal(403);
        expect(response.json(), `the body of the 403 for ${host}`).to.deep.equal({ detail: "Forbidden" });
      }
    },
  },
  {
    name: "A blocked request never reaches the endpoint",
    hint: [
      "The endpoint adds one to app.state.visits each time it runs.",
      "Decide before callNext: once callNext(request) has returned, the endpoint has already run.",
    ],
    run: async ({ app }) => {
      const before = await visits(app);
      for (const host of BLOCKED) await from(app, host).get("/");
      const after = await visits(app);
      expect(after - before, "visits the endpoint counted for one guest and two blocked requests").to.equal(1);
    },
  },
  {
    name: "Every response carries the security headers, the 403 and 404 included",
    hint: [
      "A middleware only sees the responses of the layers inside it.",
      "The last middleware added is the outermost: add securityHeaders after the bouncer, so the bouncer's 403 passes out through it.",
    ],
    run: async ({ app }) => {
      for (const { what, send } of everyKind(app)) {
        const response = await send();
        const on = `the response to ${what}, status ${response.status}`;
        expect(response.headers.get("x-frame-options"), `X-Frame-Options on ${on}`).to.equal("DENY");
        expect(response.headers.get("x-content-type-options"), `X-Content-Type-Options on ${on}`).to.equal("nosniff");
      }
    },
  },
  {
    name: "X-Process-Time times every response, the 403 included",
    hint: [
      "In timing, read app.now() before callNext and again after it, and set the difference (in milliseconds) as the X-Process-Time header.",
      "The bouncer's 403 never passes through the middleware inside the bouncer. Add timing last, so it is the outermost and measures the whole stack.",
    ],
    run: async ({ app }) => {
      for (const { what, send } of everyKind(app)) {
        const start = app.now();
        const response = await send();
        const took = app.now() - start;
        const on = `the response to ${what}, status ${response.status}`;
        const values = response.headers.getAll("x-process-time");
        expect(values.length, `X-Process-Time headers on ${on}`).to.equal(1);
        const ms = Number(values[0]);
        expect(Number.isFinite(ms) && ms >= 0, `X-Process-Time on ${on} is "${values[0]}", not a number of milliseconds`).to.equal(true);
        // A little slack for rounding; a start time instead of a difference is far larger.
        expect(ms, `X-Process-Time on ${on}, in ms (the whole request took ${took.toFixed(3)} ms)`).to.be.at.most(took + 1);
      }
    },
  },
]);
