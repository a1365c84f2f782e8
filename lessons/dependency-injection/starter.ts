import { FastAPI, Depends, inject, HTTPException, TestClient } from "playground/web";

export type User = { name: string; admin: boolean };

// Counters the checks read. Leave the ++ lines where they are.
export const stats = { settingsBuilt: 0, sessionsOpened: 0, sessionsClosed: 0 };

// A pretend database: every session opened must be closed, or the pool runs dry.
const ROWS = [
  { id: 1, name: "ada", email: "ada@example.com" },
  { id: 2, name: "bob", email: "bob@example.com" },
];
function connect(url: string) {
  stats.sessionsOpened++;
  let open = true;
  return {
    url,
    find: (id: number) => ROWS.find((row) => row.id === id),
    close() {
      if (open) stats.sessionsClosed++;
      open = false;
    },
  };
}

// 1. Settings: in a real app, read from the environment.
export function getSettings() {
  stats.settingsBuilt++;
  return {
    databaseUrl: "memory://users",
    apiTokens: { "tok-ada": "ada", "tok-bob": "bob" } as Record<string, string>,
    admins: ["ada"],
  };
}

// 2. The auth service needs the settings.
//    TODO (step 2): it calls getSettings() itself, so FastAPI never sees it: no cache, no override.
export const getAuth = inject({}, function getAuth() {
  const settings = getSettings();
  return {
    verify(token: string): User | undefined {
      const name = settings.apiTokens[token];
      return name ? { name, admin: settings.admins.includes(name) } : undefined;
    },
  };
});

// 3. The current user, from `Authorization: Bearer <token>`.
export const currentUser = inject(
  { headers: { authorization: { default: null } }, deps: { auth: Depends(getAuth) } },
  function currentUser({ authorization, auth }) {
    const [scheme, token] = (authorization ?? "").split(" ");
    const user = scheme === "Bearer" ? auth.verify(token) : undefined;
    if (!user) throw new HTTPException(401, "Not authenticated", { "WWW-Authenticate": "Bearer" });
    return user;
  },
);

// 4. Admins only.
//    TODO (step 1): a signed-in user who is not an admin must get 403 "Admins only".
export const requireAdmin = inject({ deps: { user: Depends(currentUser) } }, function requireAdmin({ user }) {
  return user;
});

// 5. A database session per request.
//    TODO (step 3): when the endpoint fails (a 404, say), the error is thrown in at `yield`,
//    so the line after it never runs.
export const getSession = inject({ deps: { settings: Depends(getSettings) } }, async function* getSession({ settings }) {
  const session = connect(settings.databaseUrl);
  yield session;
  session.close();
});

export const app = new FastAPI();

app.get("/me", function me({ user }) {
  return user;
}, { deps: { user: Depends(currentUser) } });

app.get("/admin/users/{id:int}", function readUser({ id, session }) {
  const row = session.find(id);
  if (!row) throw new HTTPException(404, "User not found");
  return row;
}, { dependencies: [Depends(requireAdmin)], deps: { session: Depends(getSession) } });

// Try it: each request shows up in the Visualization pane.
const client = new TestClient(app);
const res = await client.get("/admin/users/2", { headers: { authorization: "Bearer tok-ada" } });
console.log(res.status, res.text(), stats);
