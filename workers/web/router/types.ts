// The public shapes of the router (docs/architecture.md, "Contracts"): what add() and match() take
// and give.
import type { TraceSink } from "./trace.ts";

export type Strategy = "radix" | "linear";

export interface RouterOptions {
  /** "linear" (the default) is Starlette's declaration-order scan; "radix" is find-my-way's tree. */
  strategy?: Strategy;
}

export type ParamValue = string | number;
export type Params = Record<string, ParamValue>;

/** A route as declared: its position among the routes, its template, its methods. */
export interface RouteInfo {
  readonly index: number;
  readonly path: string;
  /** Upper-case, sorted, without repeats: what an Allow header lists. Empty means any method. */
  readonly methods: readonly string[];
  readonly paramNames: readonly string[];
}

export interface MatchFound<H> {
  readonly status: 200;
  readonly handler: H;
  readonly params: Params;
  readonly route: RouteInfo;
}
export interface MatchNotFound {
  readonly status: 404;
}
export interface MatchNotAllowed {
  readonly status: 405;
  readonly allow: string[];
}
export interface MatchRedirect {
  readonly status: 307;
  /** The other trailing-slash form of the path, percent-encoded, with the query string kept. */
  readonly location: string;
}
export type MatchResult<H> = MatchFound<H> | MatchNotFound | MatchNotAllowed | MatchRedirect;

export interface MatchOptions {
  /** Receives every step of the lookup (see trace.ts). Without it, tracing costs nothing. */
  trace?: TraceSink;
  /** false: no 307 to the other trailing-slash form (Starlette redirects HTTP requests only, never WebSockets). Default true. */
  redirectSlashes?: boolean;
}
