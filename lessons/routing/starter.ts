import { FastAPI, TestClient } from "playground/web";

export const app = new FastAPI();

const CURRENT_USER = { username: "grace", name: "Grace Hopper" };
const USERNAMES = ["ada", "alan", "barbara", "grace", "katherine", "linus", "margaret"];

// Step 3: GET /users/me should answer the signed-in user, and GET /users/ada { username: "ada" }.
app.get("/users/{username}", ({ username }) => ({ username }));
app.get("/users/me", () => CURRENT_USER);

// Step 2: GET /orders/42 should answer { order_id: 42 } (a number), and /orders/abc 404.
app.get("/orders/{order_id}", ({ order_id }) => ({ order_id }));

// Step 2: GET /search?q=a&limit=2 should answer limit 2 (a number), limit 10 when it is left out,
//    and 422 when it is not an integer.
app.get(
  "/search",
  ({ q, limit }) => ({ q, limit, results: USERNAMES.filter((u) => u.includes(q)).slice(0, Number(limit)) }),
  { query: { q: { type: "str" }, limit: { default: 10 } } },
);

// Step 1: this raw request should search for "ada" with limit 2 — but the server refuses it (400).
export const rawRequest = "GET /search?q=ada&limit=2 HTTP/1.1\r\n\r\n";

const client = new TestClient(app);
for (const url of ["/users/me", "/users/ada", "/orders/42", "/orders/abc", "/search?q=a&limit=2", "/search?q=a&limit=abc"]) {
  const res = await client.get(url);
  console.log(`GET ${url} → ${res.status} ${res.text()}`);
}
const res = await client.raw(rawRequest);
console.log(res.parseError ? `400: ${res.parseError.reason}` : res.toHttp());
