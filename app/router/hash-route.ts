// Hash routing (docs/architecture.md, "Contracts"): #/ home, #/lessons/<id>, #/embed/<id>, each
// lesson route with an optional ?code=. Hash routes work on any static host, GitHub Pages included.
import { useSyncExternalStore } from "react";

export type Route =
  | { name: "home" }
  | { name: "lesson"; id: string; embed: boolean; code: string | null }
  | { name: "not-found"; path: string };

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, "") || "/";
  const [path, query = ""] = raw.split("?", 2);
  if (path === "/" || path === "") return { name: "home" };
  const m = /^\/(lessons|embed)\/([^/]+)\/?$/.exec(path);
  if (!m) return { name: "not-found", path };
  let id = m[2];
  try {
    id = decodeURIComponent(id);
  } catch {
    // leave it as typed; the lesson page will say no such lesson exists
  }
  // URLSearchParams would turn '+' into a space, which lz-string's alphabet uses; read it raw.
  const code = /(?:^|&)code=([^&]*)/.exec(query)?.[1] ?? null;
  return { name: "lesson", id, embed: m[1] === "embed", code };
}

export function lessonHref(id: string, options: { embed?: boolean; code?: string } = {}): string {
  return `#/${options.embed ? "embed" : "lessons"}/${encodeURIComponent(id)}${options.code ? `?code=${options.code}` : ""}`;
}

/** Replaces the hash without adding a history entry (used to drop ?code= once it is loaded). */
export function replaceHash(hash: string): void {
  history.replaceState(history.state, "", `${location.pathname}${location.search}${hash}`);
  window.dispatchEvent(new HashChangeEvent("hashchange"));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
}

export function useHashRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => location.hash);
  return parseRoute(hash);
}
