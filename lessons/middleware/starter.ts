import { FastAPI, HTTPException, TestClient, type CallNext, type Request } from "playground/web";

// Peer addresses the bouncer turns away.
export const BLOCKED_IPS = ["10.0.0.66", "192.0.2.13"];

export const app = new FastAPI();
app.state.visits = 0;

// The endpoint counts the visitors that reach it.
app.get("/", () => {
  app.state.visits = (app.state.visits as number) + 1;
  return { message: "Welcome in", visits: app.state.visits };
});

// Step 2: turns blocked clients away… the way an endpoint would. Is that right in a middleware?
async function bouncer(request: Request, callNext: CallNext) {
  if (BLOCKED_IPS.includes(request.client?.host ?? "")) {
    throw new HTTPException(403, "Forbidden");
  }
  return callNext(request);
}

async function securityHeaders(request: Request, callNext: CallNext) {
  const response = await callNext(request);
  response.headers.set("X-Frame-Options", "DENY");
  response.headers.set("X-Content-Type-Options", "nosniff");
  return response;
}

// TODO (step 3): put the milliseconds the request took in an X-Process-Time header.
// Read the time with app.now() before and after callNext.
async function timing(request: Request, callNext: CallNext) {
  return callNext(request);
}

// Step 3: the last added is the outermost. Which one should see every request first?
app.addMiddleware(timing);
app.addMiddleware(securityHeaders);
app.addMiddleware(bouncer);

// Three visits to watch in the visualization: a guest, a blocked address, a wrong path.
const guest = new TestClient(app, { client: ["203.0.113.7", 50000], raiseServerExceptions: false });
const intruder = new TestClient(app, { client: ["10.0.0.66", 50000], raiseServerExceptions: false });
for (const [who, response] of [
  ["guest GET /", await guest.get("/")],
  ["intruder GET /", await intruder.get("/")],
  ["guest GET /nope", await guest.get("/nope")],
] as const) {
  console.log(who, "→", response.status, response.text(), {
    "x-frame-options": response.headers.get("x-frame-options"),
    "x-process-time": response.headers.get("x-process-time"),
  });
}
