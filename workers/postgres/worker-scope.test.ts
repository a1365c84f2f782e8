import { describe, expect, it, vi } from "vitest";
import { restrictScope, type Scope } from "./worker-scope.ts";

function fakeScope() {
  const fetched: string[] = [];
  const scope = {
    location: { origin: "https://site.example", href: "https://site.example/app/assets/worker-abc.js" },
    fetch: vi.fn(async (input: RequestInfo | URL) => {
      fetched.push(input instanceof Request ? input.url : String(input));
      return new Response("ok");
    }),
    importScripts: () => {},
    XMLHttpRequest: class {},
    WebSocket: class {},
    EventSource: class {},
    Worker: class {},
  };
  restrictScope(scope as unknown as Scope);
  return { scope: scope as unknown as Scope & Record<string, unknown>, fetched };
}

describe("restrictScope", () => {
  it("lets fetch reach the site's own files only", async () => {
    const { scope, fetched } = fakeScope();
    await scope.fetch("auto_explain-1234.tar.gz");
    await scope.fetch("/app/assets/pg_trgm.tar.gz");
    await scope.fetch(new URL("https://site.example/x"));
    await scope.fetch(new Request("https://site.example/y"));
    expect(fetched).toEqual([
      "https://site.example/app/assets/auto_explain-1234.tar.gz",
      "https://site.example/app/assets/pg_trgm.tar.gz",
      "https://site.example/x",
      "https://site.example/y",
    ]);
    for (const elsewhere of [
      "https://evil.example/steal",
      "//evil.example/steal",
      "http://site.example/x", // another scheme is another origin
      "https://site.example:8443/x",
      "blob:https://evil.example/1234",
      new Request("https://evil.example/"),
      new URL("https://evil.example/"),
    ]) {
      await expect(scope.fetch(elsewhere), String(elsewhere)).rejects.toThrow(TypeError);
    }
    expect(fetched).toHaveLength(4);
  });

  it("lets data: URLs through, which reach nothing (Vite inlines small assets such as auto_explain's bundle as them)", async () => {
    const { scope, fetched } = fakeScope();
    await scope.fetch("data:application/gzip;base64,H4sI");
    expect(fetched).toEqual(["data:application/gzip;base64,H4sI"]);
  });

  it("drops the other ways out and keeps them dropped", () => {
    const { scope } = fakeScope();
    for (const name of ["importScripts", "XMLHttpRequest", "WebSocket", "EventSource", "Worker"]) expect(scope[name], name).toBeUndefined();
    expect(() => {
      "use strict";
      (scope as Record<string, unknown>).fetch = globalThis.fetch;
    }).toThrow(TypeError);
  });
});
