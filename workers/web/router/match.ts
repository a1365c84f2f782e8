// One lookup, with the answers Starlette gives around the strategies' own search: 200 for the
// first full match, 405 for the first route whose path matched without the method, 307 to the
// other trailing-slash form when that form matches any route (even one that would answer 405 —
// the redirect wins), else 404.
import { quote, unquote } from "../http/percent.ts";
import type { RouterContext } from "./context.ts";
import { findLinear } from "./find-linear.ts";
import { findRadix } from "./find-radix.ts";
import type { TraceSink } from "./trace.ts";
import type { MatchFound, MatchNotFound, MatchResult } from "./types.ts";

const NOT_FOUND: MatchNotFound = Object.freeze({ status: 404 });

/** What starlette.responses.RedirectResponse leaves unescaped in a Location. */
const LOCATION_SAFE = ":/%#?=@[]!$&'()*+,;";

function find<H>(ctx: RouterContext<H>, method: string, path: string, trace: TraceSink | undefined): MatchFound<H> | null {
  ctx.partial = null;
  return ctx.strategy === "radix" ? findRadix(ctx, method, path, trace) : findLinear(ctx, method, path, trace);
}

export function matchRoute<H>(ctx: RouterContext<H>, method: string, target: string, trace?: TraceSink, redirectSlashes = true): MatchResult<H> {
  // 1. The query string never takes part in matching; the path is matched percent-decoded.
  const q = target.indexOf("?");
  const path = unquote(q === -1 ? target : target.slice(0, q));

  // 2. The strategy's own search: a full match, or the first route that matched but the method.
  const found = find(ctx, method, path, trace);
  if (found !== null) {
    if (trace !== undefined) trace({ kind: "result", status: 200 });
    return found;
  }
  const partial = ctx.partial;
  if (partial !== null) {
    if (trace !== undefined) trace({ kind: "result", status: 405 });
    return { status: 405, allow: [...partial.info.methods] };
  }

  // 3. redirect_slashes: the path with its trailing slashes removed, or with one added. The root
  //    is never redirected. Any route matching that form counts, whatever its methods.
  if (redirectSlashes && path !== "/") {
    const other = path.endsWith("/") ? path.replace(/\/+$/, "") : path + "/";
    if (trace !== undefined) trace({ kind: "redirect-probe", path: other });
    if (find(ctx, "", other, trace) !== null || ctx.partial !== null) {
      const query = q === -1 || q === target.length - 1 ? "" : target.slice(q);
      if (trace !== undefined) trace({ kind: "result", status: 307 });
      return { status: 307, location: quote(other + query, LOCATION_SAFE) };
    }
  }
  if (trace !== undefined) trace({ kind: "result", status: 404 });
  return NOT_FOUND;
}
