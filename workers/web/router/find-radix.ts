// The radix strategy: find-my-way's way of matching, applied to Starlette's routes.
//
// Where find-my-way and Starlette disagree, radix decides as follows.
// - Specificity, not declaration order. At each position a static character beats a parameter
//   and a parameter beats a {x:path} catch-all; when a branch dead-ends the search backtracks to
//   the next alternative (find-my-way). So GET /users/me reaches "/users/me" even when
//   "/users/{id}" was declared first — linear, like Starlette, answers "/users/{id}" with id "me".
//   Parameters at one position are tried narrowest first: segment patterns ("{name}.{ext}", like
//   find-my-way's regex nodes), then int, float, uuid, str. Declaration order only breaks ties
//   between routes of the same shape ("/a/{x}" and "/a/{y}").
// - Methods as in find-my-way's per-method trees: a route that does not take the method is passed
//   over and the search goes on. The first route passed over decides a 405, its methods the Allow
//   list: Starlette's rule, in radix order.
// - 307: Starlette's redirect_slashes (find-my-way's nearest is its ignoreTrailingSlash option).
// - Values as in Starlette: the whole path is percent-decoded before matching (so %2F separates
//   segments; find-my-way keeps it inside a value), a parameter is never empty (find-my-way's ":id"
//   matches "/users/"), convertors check and convert values, a {x:path} may sit mid-path and may be
//   empty. A {x:path} or a segment pattern takes the longest value that lets the rest match, as
//   Starlette's greedy regex does.
// - No HEAD for GET routes (FastAPI; find-my-way does not add them either).
// - Not emulated: Python's "$" also matching just before a final "\n" (linear does emulate it).
import { staticChild, type PatternToken, type RadixNode, type RouteRecord, type RouterContext } from "./context.ts";
import { paramsFromSpans } from "./params.ts";
import type { TraceSink } from "./trace.ts";
import type { MatchFound } from "./types.ts";

/** The first route in radix order that matches `path` and takes `method`, or null. */
export function findRadix<H>(ctx: RouterContext<H>, method: string, path: string, trace?: TraceSink): MatchFound<H> | null {
  // 1. Static map: a path without parameters is a single Map lookup, and the answer is prebuilt.
  const leaf = ctx.staticLengths[path.length] === true ? ctx.staticRoutes.get(path) : undefined;
  if (trace !== undefined) trace({ kind: leaf === undefined ? "static-miss" : "static-hit", path });
  if (leaf !== undefined) {
    const route = leaf.byMethod[method] ?? leaf.any;
    if (route !== null) {
      if (trace !== undefined) trace({ kind: "route", route: route.info.index, accepted: true });
      return route.staticHit;
    }
  }
  // 2-4. The tree, for paths with parameters (and to find the route a 405 names).
  const route = walk(ctx, ctx.root, path, 0, 0, method, trace);
  if (route === null) return null;
  return route.staticHit ?? { status: 200, handler: route.handler, params: paramsFromSpans(route, path, ctx.spans), route: route.info };
}

/** `node` has consumed the path up to `pos`, and `n` parameter values so far. */
function walk<H>(
  ctx: RouterContext<H>,
  node: RadixNode<H>,
  path: string,
  pos: number,
  n: number,
  method: string,
  trace: TraceSink | undefined,
): RouteRecord<H> | null {
  const len = path.length;
  for (;;) {
    if (pos === len) {
      // 1. End of the path: the routes that end here, if any; the method picks one.
      const leaf = node.leaf;
      if (leaf !== null) {
        const route = leaf.byMethod[method] ?? leaf.any;
        if (trace !== undefined) trace({ kind: "route", route: (route ?? leaf.routes[0]).info.index, accepted: route !== null });
        if (route !== null) return route;
        ctx.partial ??= leaf.routes[0];
      }
      break;
    }
    // 2. Static: only the child that starts with the next character can match.
    const child = staticChild(node, path.charCodeAt(pos));
    let next: RadixNode<H> | null = null;
    if (child !== null) {
      const matched = prefixMatches(path, pos, child.prefixCodes);
      if (trace !== undefined) trace({ kind: "node", node: child.id, label: child.prefix, at: pos, matched });
      if (matched) next = child;
    }
    const params = node.paramChildren;
    if (params.length === 0 && node.pathChild === null) {
      // Nothing to come back to at this node: follow the static child without recursing.
      if (next === null) return null;
      pos += next.prefixCodes.length;
      node = next;
      continue;
    }
    if (next !== null) {
      const found = walk(ctx, next, path, pos + next.prefixCodes.length, n, method, trace);
      if (found !== null) return found;
    }
    // 3. Parameters, narrowest first; a parameter is never empty.
    for (let i = 0; i < params.length; i++) {
      const found = matchParam(ctx, params[i], path, pos, n, method, trace);
      if (found !== null) return found;
    }
    break;
  }
  // 4. The {x:path} catch-all, which may also match nothing at the end of the path.
  if (node.pathChild !== null) return matchCatchAll(ctx, node.pathChild, path, pos, n, method, trace);
  return null;
}

function prefixMatches(path: string, pos: number, codes: readonly number[]): boolean {
  const length = codes.length;
  if (pos + length > path.length) return false;
  // The first character already chose this child.
  for (let k = 1; k < length; k++) if (path.charCodeAt(pos + k) !== codes[k]) return false;
  return true;
}

function matchParam<H>(
  ctx: RouterContext<H>,
  node: RadixNode<H>,
  path: string,
  pos: number,
  n: number,
  method: string,
  trace: TraceSink | undefined,
): RouteRecord<H> | null {
  let segmentEnd = path.indexOf("/", pos);
  if (segmentEnd === -1) segmentEnd = path.length;
  const pattern = node.pattern;
  // A bounded value fills its segment: one candidate, checked without a loop (the common case).
  if (node.bounded && pattern === null) {
    if (segmentEnd === pos) return null;
    const convertor = node.convertor!;
    const matched = convertor.name === "str" || convertor.test(path, pos, segmentEnd);
    if (trace !== undefined) trace({ kind: "param", node: node.id, label: node.prefix, at: pos, value: path.slice(pos, segmentEnd), matched });
    if (!matched) return null;
    ctx.spans[2 * n] = pos;
    ctx.spans[2 * n + 1] = segmentEnd;
    return walk(ctx, node, path, segmentEnd, n + 1, method, trace);
  }
  // Otherwise shorter values are tried in turn, longest first.
  const shortest = node.bounded ? segmentEnd : pos + 1;
  for (let end = segmentEnd; end >= shortest && end > pos; end--) {
    const matched = pattern === null ? node.convertor!.test(path, pos, end) : matchPattern(pattern, 0, path, pos, end, ctx.spans, n);
    if (trace !== undefined) trace({ kind: "param", node: node.id, label: node.prefix, at: pos, value: path.slice(pos, end), matched });
    if (!matched) continue;
    if (pattern === null) {
      ctx.spans[2 * n] = pos;
      ctx.spans[2 * n + 1] = end;
    }
    const found = walk(ctx, node, path, end, n + node.paramCount, method, trace);
    if (found !== null) return found;
  }
  return null;
}

/** Whether path[pos, end) is exactly the pattern; the values found go to `spans` from `n`. */
function matchPattern(
  tokens: readonly PatternToken[],
  t: number,
  path: string,
  pos: number,
  end: number,
  spans: number[],
  n: number,
): boolean {
  if (t === tokens.length) return pos === end;
  const token = tokens[t];
  if (token.convertor === null) {
    const next = pos + token.text.length;
    return next <= end && path.startsWith(token.text, pos) && matchPattern(tokens, t + 1, path, next, end, spans, n);
  }
  for (let stop = end; stop > pos; stop--) {
    if (!token.convertor.test(path, pos, stop)) continue;
    spans[2 * n] = pos;
    spans[2 * n + 1] = stop;
    if (matchPattern(tokens, t + 1, path, stop, end, spans, n + 1)) return true;
  }
  return false;
}

function matchCatchAll<H>(
  ctx: RouterContext<H>,
  node: RadixNode<H>,
  path: string,
  pos: number,
  n: number,
  method: string,
  trace: TraceSink | undefined,
): RouteRecord<H> | null {
  const len = path.length;
  // With nothing after it in any route, only the whole rest of the path can end at a leaf.
  const leafOnly = node.staticCodes.length === 0 && node.paramChildren.length === 0 && node.pathChild === null;
  for (let end = len; end >= (leafOnly ? len : pos); end--) {
    if (trace !== undefined) trace({ kind: "param", node: node.id, label: node.prefix, at: pos, value: path.slice(pos, end), matched: true });
    ctx.spans[2 * n] = pos;
    ctx.spans[2 * n + 1] = end;
    const found = walk(ctx, node, path, end, n + 1, method, trace);
    if (found !== null) return found;
  }
  return null;
}
