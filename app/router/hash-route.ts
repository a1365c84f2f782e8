// Hash routing (docs/architecture.md, "Contracts"): #/ home, #/lessons/<id>, #/embed/<id>, each
// lesson route with an optional ?code=, and the embed route with its options (?theme=, ?hide=,
// ?readonly, ?origin=). Hash routes work on any static host, GitHub Pages included. This is the
// one place the query after a route is read.
import { useMemo, useSyncExternalStore } from "react";

export type Hideable = "lesson" | "visualization";

/** What the page embedding a lesson asked for (README, "Embedding a lesson"). */
export interface EmbedOptions {
  theme: "light" | "dark" | null;
  hide: Hideable[];
  readonly: boolean;
  /**
   * The only origin messages go to and are taken from: "*" any (the default); "" when ?origin= was
   * given but is not an origin, so nothing is sent or taken (a typo must not widen it to "*").
   */
  origin: string;
}

export const NO_EMBED_OPTIONS: EmbedOptions = { theme: null, hide: [], readonly: false, origin: "*" };

export type Route =
  | { name: "home" }
  | { name: "lesson"; id: string; embed: boolean; code: string | null; options: EmbedOptions }
  | { name: "not-found"; path: string };

const HIDEABLE: readonly string[] = ["lesson", "visualization"] satisfies Hideable[];

/** An origin as `location.origin` spells it (scheme, host, port), or "" when `value` is none. */
function originOf(value: string | null): string {
  if (!value) return "";
  try {
    const url = new URL(value);
    return url.origin === "null" ? "" : url.origin;
  } catch {
    return "";
  }
}

function readOptions(params: URLSearchParams): EmbedOptions {
  const theme = params.get("theme");
  const readonly = params.get("readonly");
  return {
    theme: theme === "light" || theme === "dark" ? theme : null,
    // ?hide=lesson,visualization or ?hide=lesson&hide=visualization
    hide: [...new Set(params.getAll("hide").flatMap((v) => v.split(",")))].filter((v): v is Hideable => HIDEABLE.includes(v)),
    readonly: readonly !== null && readonly !== "0" && readonly !== "false",
    origin: params.has("origin") ? originOf(params.get("origin")) : "*",
  };
}

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, "") || "/";
  const cut = raw.indexOf("?");
  const path = cut < 0 ? raw : raw.slice(0, cut);
  const query = cut < 0 ? "" : raw.slice(cut + 1);
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
  const embed = m[1] === "embed";
  return { name: "lesson", id, embed, code, options: embed ? readOptions(new URLSearchParams(query)) : NO_EMBED_OPTIONS };
}

export function lessonHref(id: string, options: { embed?: boolean; code?: string } = {}): string {
  return `#/${options.embed ? "embed" : "lessons"}/${encodeURIComponent(id)}${options.code ? `?code=${options.code}` : ""}`;
}

/** `hash` without its ?code= (the embed's other options stay). */
export function withoutCode(hash: string): string {
  const cut = hash.indexOf("?");
  if (cut < 0) return hash;
  const rest = hash
    .slice(cut + 1)
    .split("&")
    .filter((part) => part !== "" && !part.startsWith("code="));
  return rest.length > 0 ? `${hash.slice(0, cut)}?${rest.join("&")}` : hash.slice(0, cut);
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
  // One object per hash, so effects that depend on the route's options run when they change only.
  return useMemo(() => parseRoute(hash), [hash]);
}
