import { FastAPI, TestClient } from "playground/web";

export const app = new FastAPI();

const CURRENT_USER = { username: "grace", name: "Grace Hopper" };
const USERNAMES = ["ada", "alan", "barbara", "grace", "katherine", "linus", "margaret"];

// Static paths first: Starlette tries routes in the order they were declared.
app.get("/users/me", () => CURRENT_USER);
app.get("/users/{username}", ({ username }) => ({ username }));

// The convertor is part of the path: "abc" matches no route at all (404).
app.get("/orders/{order_id:int}", ({ order_id }) => ({ order_id }));

// Declared query parameters are converted and validated before the endpoint runs.
app.get(
  "/search",
  ({ q, limit }) => ({ q, limit, results: USERNAMES.filter((u) => u.includes(q)).slice(0, limit) }),
  { query: { q: { type: "str" }, limit: { type: "int", default: 10 } } },
);

// A request is only text: a request line, header lines, an empty line, then the body.
export const rawRequest = "GET /search?q=ada&limit=2 HTTP/1.1\r\nHost: api.example.com\r\n\r\n";

const client = new TestClient(app);
for (const url of ["/users/me", "/users/ada", "/orders/42", "/orders/abc", "/search?q=a&limit=2", "/search?q=a&limit=abc"]) {
  const res = await client.get(url);
  console.log(`GET ${url} → ${res.status} ${res.text()}`);
}
const res = await client.raw(rawRequest);
console.log(res.parseError ? `400: ${res.parseError.reason}` : res.toHttp());
