import { defineChecks, expect } from "playground/checks";
import { TestClient } from "playground/web";
import type * as Solution from "./solution";

const INT_PARSING = "Input should be a valid integer, unable to parse string as an integer";

export default defineChecks<typeof Solution>([
  {
    name: "/users/me is the signed-in user, /users/ada is ada",
    hint: [
      "Run it and read the output: which route answered GET /users/me?",
      "Starlette tries routes in the order you declared them, and {username} matches \"me\" too.",
      "Declare app.get(\"/users/me\", …) before app.get(\"/users/{username}\", …).",
    ],
    run: async ({ app }) => {
      const client = new TestClient(app);
      const me = await client.get("/users/me");
      expect(me.status, "status of GET /users/me").to.equal(200);
      expect(me.json(), "body of GET /users/me").to.deep.equal({ username: "grace", name: "Grace Hopper" });
      const ada = await client.get("/users/ada");
      expect(ada.json(), "body of GET /users/ada").to.deep.equal({ username: "ada" });
    },
  },
  {
    name: "/orders/42 gives the number 42, /orders/abc is 404",
    hint: [
      "A path parameter is text until something converts it: \"42\" is not 42.",
      "Put a convertor in the template: \"/orders/{order_id:int}\". A path that does not fit it matches no route.",
    ],
    run: async ({ app }) => {
      const client = new TestClient(app);
      const order = await client.get("/orders/42");
      expect(order.status, "status of GET /orders/42").to.equal(200);
      expect(order.json(), "body of GET /orders/42").to.deep.equal({ order_id: 42 });
      const abc = await client.get("/orders/abc");
      expect(abc.status, "status of GET /orders/abc").to.equal(404);
      expect(abc.json(), "body of GET /orders/abc").to.deep.equal({ detail: "Not Found" });
    },
  },
  {
    name: "/search: limit is an integer, 10 by default, 422 when it is not a number",
    hint: [
      "Number(\"abc\") is NaN, and the endpoint runs anyway. Let the framework convert and validate instead.",
      "Declare it with a type and a default: query: { q: { type: \"str\" }, limit: { type: \"int\", default: 10 } }.",
    ],
    run: async ({ app }) => {
      const client = new TestClient(app);
      const two = await client.get("/search?q=a&limit=2");
      expect(two.status, "status of GET /search?q=a&limit=2").to.equal(200);
      expect(two.json(), "body of GET /search?q=a&limit=2").to.deep.equal({ q: "a", limit: 2, results: ["ada", "alan"] });
      const fallback = await client.get("/search?q=a");
      expect(fallback.json(), "body of GET /search?q=a").to.include({ q: "a", limit: 10 });
      const bad = await client.get("/search?q=a&limit=abc");
      expect(bad.status, "status of GET /search?q=a&limit=abc").to.equal(422);
      expect(bad.json(), "body of GET /search?q=a&limit=abc").to.deep.equal({
        detail: [{ type: "int_parsing", loc: ["query", "limit"], msg: INT_PARSING, input: "abc" }],
      });
    },
  },
  {
    name: "POST /users/me is 405 with Allow: GET; /users/me/ redirects (307)",
    hint: [
      "These answers come from the router, not from your endpoints: keep one GET route for /users/me, without a trailing slash.",
      "A route for every method, or one declared as \"/users/me/\", changes both answers.",
    ],
    run: async ({ app }) => {
      const client = new TestClient(app);
      const post = await client.post("/users/me");
      expect(post.status, "status of POST /users/me").to.equal(405);
      expect(post.headers.get("allow"), "Allow header of POST /users/me").to.equal("GET");
      const slash = await client.get("/users/me/");
      expect(slash.status, "status of GET /users/me/").to.equal(307);
      expect(slash.headers.get("location"), "Location header of GET /users/me/").to.equal("http://testserver/users/me");
    },
  },
  {
    name: "rawRequest, sent as text, searches for ada with limit 2",
    hint: [
      "The output says why the server refused the text.",
      "HTTP/1.1 requires a Host header: \"Host: api.example.com\\r\\n\" after the request line.",
      "The header section ends with an empty line: the text must end with \"\\r\\n\\r\\n\".",
    ],
    run: async ({ app, rawRequest }) => {
      expect(rawRequest, "rawRequest").to.be.a("string");
      const res = await new TestClient(app).raw(rawRequest);
      expect(res.parseError?.reason, "why the server refused the text").to.equal(undefined);
      expect(res.status, "status of the raw request").to.equal(200);
      // Whether limit arrives as the number 2 is the /search check's part (step 2): here the text.
      const body = res.json() as { q: unknown; limit: unknown; results: unknown };
      expect(body.q, "q of the raw request").to.equal("ada");
      expect(String(body.limit), "limit of the raw request").to.equal("2");
      expect(body.results, "results of the raw request").to.deep.equal(["ada"]);
    },
  },
]);
