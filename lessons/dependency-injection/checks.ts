import { defineChecks, expect } from "playground/checks";
import { TestClient } from "playground/web";
import type * as Solution from "./solution";

const ADA = { authorization: "Bearer tok-ada" }; // an admin
const BOB = { authorization: "Bearer tok-bob" }; // signed in, not an admin

export default defineChecks<typeof Solution>([
  {
    name: "No token or a wrong one gets 401 with WWW-Authenticate: Bearer",
    hint: [
      "currentUser must throw HTTPException(401, …, { \"WWW-Authenticate\": \"Bearer\" }) when the header is missing, is not `Bearer <token>`, or names an unknown token.",
      "Admin routes need the user first: requireAdmin depends on currentUser, so a missing token is 401 there too, never 403.",
    ],
    run: async ({ app }) => {
      const client = new TestClient(app);
      const cases: [string, Record<string, string>][] = [
        ["/me", {}],
        ["/me", { authorization: "Bearer nope" }],
        ["/me", { authorization: "tok-ada" }],
        ["/admin/users/1", {}],
      ];
      for (const [url, headers] of cases) {
        const res = await client.get(url, { headers });
        const label = `GET ${url} with ${JSON.stringify(headers)}`;
        expect(res.status, `${label}: status`).to.equal(401);
        expect(res.headers.get("www-authenticate"), `${label}: WWW-Authenticate header`).to.equal("Bearer");
      }
    },
  },
  {
    name: "A signed-in user who is not an admin gets 403 on admin routes",
    hint: [
      "bob's token is valid, so /me answers 200 for him; /admin/users/1 must answer 403.",
      "In requireAdmin: `if (!user.admin) throw new HTTPException(403, \"Admins only\")`.",
    ],
    run: async ({ app }) => {
      const client = new TestClient(app);
      const me = await client.get("/me", { headers: BOB });
      expect(me.status, "GET /me as bob: status").to.equal(200);
      expect(me.json(), "GET /me as bob").to.deep.equal({ name: "bob", admin: false });
      const res = await client.get("/admin/users/1", { headers: BOB });
      expect(res.status, "GET /admin/users/1 as bob: status").to.equal(403);
      expect(res.json(), "GET /admin/users/1 as bob: body").to.deep.equal({ detail: "Admins only" });
    },
  },
  {
    name: "An admin reads a user, and a missing user is 404",
    hint: "With ada's token, /admin/users/2 answers bob's row and /admin/users/99 answers 404 {\"detail\": \"User not found\"}.",
    run: async ({ app }) => {
      const client = new TestClient(app);
      const res = await client.get("/admin/users/2", { headers: ADA });
      expect(res.status, "GET /admin/users/2 as ada: status").to.equal(200);
      expect(res.json(), "GET /admin/users/2 as ada").to.deep.include({ id: 2, name: "bob" });
      const missing = await client.get("/admin/users/99", { headers: ADA });
      expect(missing.status, "GET /admin/users/99 as ada: status").to.equal(404);
    },
  },
  {
    name: "The database session is closed after every request, failed ones too",
    hint: [
      "When a request fails, FastAPI throws the error into getSession at its `yield`, so the line after `yield` never runs.",
      "Put the `yield` in `try { … } finally { session.close(); }`: `finally` runs whether the request succeeded or not.",
    ],
    run: async ({ app, stats }) => {
      const client = new TestClient(app);
      const opened = stats.sessionsOpened;
      const closed = stats.sessionsClosed;
      const statuses = [];
      for (const [url, headers] of [["/admin/users/2", ADA], ["/admin/users/99", ADA], ["/admin/users/1", BOB]] as const) {
        statuses.push((await client.get(url, { headers })).status);
      }
      const o = stats.sessionsOpened - opened;
      const c = stats.sessionsClosed - closed;
      expect(o, `sessions opened by three requests (answered ${statuses.join(", ")})`).to.be.at.least(2);
      expect(c, `sessions closed, of the ${o} opened (requests answered ${statuses.join(", ")})`).to.equal(o);
    },
  },
  {
    name: "Settings are built once per request, though two dependencies need them",
    hint: [
      "getAuth and getSession both need the settings. Declared with Depends(getSettings), FastAPI calls getSettings once and hands both the same value.",
      "getAuth calls getSettings() itself; declare it instead: inject({ deps: { settings: Depends(getSettings) } }, function getAuth({ settings }) { … }).",
    ],
    run: async ({ app, stats }) => {
      const client = new TestClient(app);
      const before = stats.settingsBuilt;
      const res = await client.get("/admin/users/2", { headers: ADA });
      expect(res.status, "GET /admin/users/2 as ada: status").to.equal(200);
      expect(stats.settingsBuilt - before, "times getSettings ran during one request").to.be.at.most(1);
    },
  },
  {
    name: "A test can override currentUser and open an admin route without a token",
    hint: [
      "The check sets app.dependencyOverrides.set(currentUser, () => ({ name: \"test\", admin: true })) and asks /admin/users/2 with no token.",
      "That works only if requireAdmin gets its user through Depends(currentUser) rather than reading the header itself.",
    ],
    run: async ({ app, currentUser }) => {
      app.dependencyOverrides.set(currentUser, function fakeAdmin() {
        return { name: "test", admin: true };
      });
      try {
        const res = await new TestClient(app).get("/admin/users/2");
        expect(res.status, "GET /admin/users/2 with currentUser overridden: status").to.equal(200);
        expect(res.json()).to.deep.include({ id: 2 });
      } finally {
        app.dependencyOverrides.delete(currentUser);
      }
    },
  },
]);
