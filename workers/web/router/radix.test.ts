// The radix strategy's own rules, where they differ from the linear one (find-radix.ts says why).
import { describe, expect, it } from "vitest";
import { Router } from "./router.ts";
import type { RouterStep } from "./trace.ts";

function router(strategy: "radix" | "linear", routes: [string | string[], string][]): Router<number> {
  const r = new Router<number>({ strategy });
  routes.forEach(([methods, path], i) => r.add(methods, path, i));
  return r;
}

describe("radix: specificity instead of declaration order", () => {
  it("answers /users/me with the static route even when /users/{id} was declared first", () => {
    const routes: [string, string][] = [
      ["GET", "/users/{id}"],
      ["GET", "/users/me"],
    ];
    expect(router("radix", routes).match("GET", "/users/me")).toMatchObject({ status: 200, handler: 1, params: {} });
    expect(router("linear", routes).match("GET", "/users/me")).toMatchObject({ status: 200, handler: 0, params: { id: "me" } });
  });

  it("tries convertors narrowest first: int, float, uuid, then str", () => {
    const r = router("radix", [
      ["GET", "/v/{x}"],
      ["GET", "/v/{x:float}"],
      ["GET", "/v/{x:uuid}"],
      ["GET", "/v/{x:int}"],
    ]);
    expect(r.match("GET", "/v/25")).toMatchObject({ handler: 3, params: { x: 25 } });
    expect(r.match("GET", "/v/2.5")).toMatchObject({ handler: 1, params: { x: 2.5 } });
    expect(r.match("GET", "/v/6BA7B8109DAD11D180B400C04FD430C8")).toMatchObject({
      handler: 2,
      params: { x: "6ba7b810-9dad-11d1-80b4-00c04fd430c8" },
    });
    expect(r.match("GET", "/v/abc")).toMatchObject({ handler: 0, params: { x: "abc" } });
  });

  it("backtracks out of a static branch that dead-ends", () => {
    const r = router("radix", [
      ["GET", "/a/{x}/b"],
      ["GET", "/a/c/d"],
    ]);
    expect(r.match("GET", "/a/c/b")).toMatchObject({ handler: 0, params: { x: "c" } });
    expect(r.match("GET", "/a/c/d")).toMatchObject({ handler: 1 });
  });

  it("puts a catch-all last, and lets it match mid-path, greedily", () => {
    const r = router("radix", [
      ["GET", "/q/{rest:path}"],
      ["GET", "/q/{x}/z"],
      ["GET", "/raw/{p:path}/edit"],
    ]);
    expect(r.match("GET", "/q/1/z")).toMatchObject({ handler: 1, params: { x: "1" } });
    expect(r.match("GET", "/q/1/y")).toMatchObject({ handler: 0, params: { rest: "1/y" } });
    expect(r.match("GET", "/q/")).toMatchObject({ handler: 0, params: { rest: "" } });
    expect(r.match("GET", "/raw/a/edit/b/edit")).toMatchObject({ handler: 2, params: { p: "a/edit/b" } });
  });

  it("tries a segment pattern before a plain parameter, and splits it as Starlette's regex would", () => {
    const r = router("radix", [
      ["GET", "/files/{name}"],
      ["GET", "/files/{name}.{ext}"],
      ["GET", "/range/{a:int}-{b:int}"],
      ["GET", "/v{major:int}.{minor:int}/x"],
    ]);
    expect(r.match("GET", "/files/archive.tar.gz")).toMatchObject({ handler: 1, params: { name: "archive.tar", ext: "gz" } });
    expect(r.match("GET", "/files/noext")).toMatchObject({ handler: 0, params: { name: "noext" } });
    expect(r.match("GET", "/range/1-10")).toMatchObject({ handler: 2, params: { a: 1, b: 10 } });
    expect(r.match("GET", "/range/1-x").status).toBe(404);
    expect(r.match("GET", "/v2.13/x")).toMatchObject({ handler: 3, params: { major: 2, minor: 13 } });
  });

  it("passes over a route that refuses the method, as find-my-way's per-method trees do", () => {
    const r = router("radix", [
      ["POST", "/users/me"],
      ["GET", "/users/{id}"],
    ]);
    expect(r.match("GET", "/users/me")).toMatchObject({ handler: 1, params: { id: "me" } });
  });

  it("answers 405 with the methods of the first route, in radix order, whose path matched", () => {
    const r = router("radix", [
      ["PUT", "/things/{id}"],
      ["GET", "/things/new"],
      ["POST", "/things/new"],
    ]);
    expect(r.match("DELETE", "/things/new")).toEqual({ status: 405, allow: ["GET"] });
    expect(r.match("DELETE", "/things/7")).toEqual({ status: 405, allow: ["PUT"] });
  });

  it("redirects to the other trailing-slash form, keeping the query, even to a route that would 405", () => {
    const r = router("radix", [
      ["POST", "/submit/"],
      ["GET", "/about"],
    ]);
    expect(r.match("GET", "/submit?x=1")).toEqual({ status: 307, location: "/submit/?x=1" });
    expect(r.match("GET", "/about//")).toEqual({ status: 307, location: "/about" });
    expect(r.match("GET", "/")).toEqual({ status: 404 });
  });

  it("matches the decoded path and never lets a parameter be empty", () => {
    const r = router("radix", [
      ["GET", "/files/{name}"],
      ["GET", "/files/{dir}/{name}"],
    ]);
    expect(r.match("GET", "/files/a%2Fb")).toMatchObject({ handler: 1, params: { dir: "a", name: "b" } });
    expect(r.match("GET", "/files/my%20doc")).toMatchObject({ handler: 0, params: { name: "my doc" } });
    expect(r.match("GET", "/files/").status).toBe(404);
  });

  it("takes any method on a route declared with none, as FastAPI does with methods=[]", () => {
    for (const strategy of ["radix", "linear"] as const) {
      const r = router(strategy, [
        ["GET", "/x"],
        [[], "/x"],
      ]);
      expect(r.match("GET", "/x")).toMatchObject({ handler: 0 });
      expect(r.match("BREW", "/x")).toMatchObject({ handler: 1 });
    }
  });
});

describe("static hits", () => {
  it("come from the static map, prebuilt: the same frozen answer every time", () => {
    const r = router("radix", [["GET", "/status"]]);
    const first = r.match("GET", "/status");
    expect(first).toBe(r.match("GET", "/status"));
    expect(Object.isFrozen(first)).toBe(true);
  });
});

describe("trace", () => {
  function steps(r: Router<number>, method: string, target: string): RouterStep[] {
    const out: RouterStep[] = [];
    r.match(method, target, { trace: (s) => out.push(s) });
    return out;
  }

  it("radix: a static path is one map lookup", () => {
    const r = router("radix", [
      ["GET", "/user"],
      ["GET", "/user/{id}"],
    ]);
    expect(steps(r, "GET", "/user")).toEqual([
      { kind: "static-hit", path: "/user" },
      { kind: "route", route: 0, accepted: true },
      { kind: "result", status: 200 },
    ]);
  });

  it("radix: a dynamic path walks the tree node by node", () => {
    const r = router("radix", [
      ["GET", "/user"],
      ["GET", "/user/{id}"],
    ]);
    const kinds = steps(r, "GET", "/user/42").map((s) => (s.kind === "node" || s.kind === "param" ? `${s.kind}:${s.label}` : s.kind));
    expect(kinds).toEqual(["static-miss", "node:/user", "node:/", "param:{str}", "route", "result"]);
  });

  it("linear: one regex per route until the first match", () => {
    const r = router("linear", [
      ["GET", "/a"],
      ["GET", "/b/{x}"],
      ["GET", "/c"],
    ]);
    const s = steps(r, "GET", "/b/1");
    expect(s.filter((x) => x.kind === "regex").map((x) => x.kind === "regex" && [x.route, x.matched])).toEqual([
      [0, false],
      [1, true],
    ]);
  });

  it("reports the redirect probe", () => {
    const r = router("linear", [["GET", "/docs/"]]);
    const s = steps(r, "GET", "/docs");
    expect(s.map((x) => x.kind)).toEqual(["regex", "redirect-probe", "regex", "route", "result"]);
    expect(s.at(-1)).toEqual({ kind: "result", status: 307 });
  });
});

describe("describe", () => {
  it("draws the radix tree with shared prefixes split where routes part", () => {
    const r = router("radix", [
      ["GET", "/user"],
      ["GET", "/users/{id:int}"],
      ["GET", "/static/{p:path}"],
    ]);
    const snap = r.describe();
    if (snap.strategy !== "radix") throw new Error("expected a radix snapshot");
    const draw = (n: typeof snap.root, depth = 0): string[] => [
      `${"  ".repeat(depth)}${n.label || "(root)"}${n.routes.length ? ` -> ${n.routes.join(",")}` : ""}`,
      ...n.children.flatMap((c) => draw(c, depth + 1)),
    ];
    expect(draw(snap.root)).toEqual(["(root)", "  /", "    static/", "      {path} -> 2", "    user -> 0", "      s/", "        {int} -> 1"]);
    expect(snap.staticPaths).toEqual(["/user"]);
  });

  it("lists the linear strategy's regexes", () => {
    const snap = router("linear", [["GET", "/a/{n:int}"]]).describe();
    expect(snap).toEqual({ strategy: "linear", routes: [{ index: 0, path: "/a/{n:int}", methods: ["GET"], pattern: "^\\/a\\/([0-9]+)\\n?$" }] });
  });
});
