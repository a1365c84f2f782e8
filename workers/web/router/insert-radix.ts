// Puts one route into the radix tree. A template is cut into edges the way find-my-way cuts a
// path: static text (shared character by character with other routes, splitting nodes where they
// part), one node per parameter that fills its segment, one node for a segment that mixes
// parameters with text ("{name}.{ext}", find-my-way's regex nodes) and a catch-all for {x:path}.
import { CONVERTORS, type Convertor, type ConvertorName } from "./convertors.ts";
import { codesOf, createNode, setStaticChild, staticChild, type Leaf, type PatternToken, type RadixNode, type RouteRecord, type RouterContext } from "./context.ts";
import type { Template, TemplatePart } from "./template.ts";

type Edge =
  | { kind: "static"; text: string }
  | { kind: "param"; convertor: Convertor; bounded: boolean }
  | { kind: "pattern"; tokens: PatternToken[]; bounded: boolean }
  | { kind: "path" };

/** Narrowest first, so "/v/{x:int}" is tried before "/v/{x}" whatever the declaration order. */
const PARAM_ORDER: Record<ConvertorName, number> = { int: 0, float: 1, uuid: 2, str: 3, path: 4 };

function toEdges(template: Template): Edge[] {
  const parts: TemplatePart[] = [...template.parts];
  const edges: Edge[] = [];
  let i = 0;
  while (i < parts.length) {
    const part = parts[i++];
    if (part.kind === "static") {
      edges.push({ kind: "static", text: part.text });
      continue;
    }
    if (part.convertor.name === "path") {
      edges.push({ kind: "path" });
      continue;
    }
    // A parameter takes the rest of its segment along with it: text and further parameters up
    // to the next "/" (which starts a static edge) or up to a {x:path}, which may end the value
    // anywhere, so the value is no longer bounded by the segment's end.
    const tokens: PatternToken[] = [{ text: "", convertor: part.convertor }];
    let bounded = true;
    while (i < parts.length) {
      const next = parts[i];
      if (next.kind === "static") {
        const slash = next.text.indexOf("/");
        if (slash === -1) {
          tokens.push({ text: next.text, convertor: null });
          i++;
          continue;
        }
        if (slash > 0) tokens.push({ text: next.text.slice(0, slash), convertor: null });
        parts[i] = { kind: "static", text: next.text.slice(slash) };
        break;
      }
      if (next.convertor.name === "path") {
        bounded = false;
        break;
      }
      tokens.push({ text: "", convertor: next.convertor });
      i++;
    }
    edges.push(tokens.length === 1 ? { kind: "param", convertor: part.convertor, bounded } : { kind: "pattern", tokens, bounded });
  }
  return edges;
}

export function patternLabel(tokens: readonly PatternToken[]): string {
  return tokens.map((t) => (t.convertor ? `{${t.convertor.name}}` : t.text)).join("");
}

function insertStatic<H>(ctx: RouterContext<H>, node: RadixNode<H>, text: string): RadixNode<H> {
  while (text.length > 0) {
    const code = text.charCodeAt(0);
    let child = staticChild(node, code);
    if (child === null) {
      child = createNode<H>(ctx, "static", text);
      setStaticChild(node, child);
      return child;
    }
    let common = 1;
    while (common < child.prefix.length && common < text.length && child.prefix[common] === text[common]) common++;
    if (common < child.prefix.length) {
      const parent = createNode<H>(ctx, "static", child.prefix.slice(0, common));
      child.prefix = child.prefix.slice(common);
      child.prefixCodes = codesOf(child.prefix);
      setStaticChild(parent, child);
      setStaticChild(node, parent);
      child = parent;
    }
    node = child;
    text = text.slice(common);
  }
  return node;
}

function insertParam<H>(ctx: RouterContext<H>, node: RadixNode<H>, edge: Edge & { kind: "param" | "pattern" }): RadixNode<H> {
  const label = edge.kind === "param" ? `{${edge.convertor.name}}` : patternLabel(edge.tokens);
  let child = node.paramChildren.find((c) => c.prefix === label);
  if (child === undefined) {
    child =
      edge.kind === "param"
        ? createNode<H>(ctx, "param", label, edge.convertor)
        : createNode<H>(ctx, "pattern", label, null, edge.tokens);
    const rank = (n: RadixNode<H>) => (n.kind === "pattern" ? -1 : PARAM_ORDER[n.convertor!.name]);
    const at = node.paramChildren.findIndex((c) => rank(c) > rank(child!));
    node.paramChildren.splice(at === -1 ? node.paramChildren.length : at, 0, child);
  }
  child.bounded &&= edge.bounded;
  return child;
}

function addToLeaf<H>(node: RadixNode<H>, route: RouteRecord<H>): Leaf<H> {
  const leaf = (node.leaf ??= { routes: [], byMethod: Object.create(null) as Record<string, RouteRecord<H>>, any: null });
  leaf.routes.push(route);
  if (route.anyMethod) {
    leaf.any ??= route;
  } else if (leaf.any === null) {
    // Starlette takes the first route that accepts the method, so earlier routes keep theirs;
    // once an any-method route is here, later ones are unreachable.
    for (const m of route.info.methods) leaf.byMethod[m] ??= route;
  }
  return leaf;
}

export function insertRoute<H>(ctx: RouterContext<H>, template: Template, route: RouteRecord<H>): void {
  let node = ctx.root;
  for (const edge of toEdges(template)) {
    if (edge.kind === "static") node = insertStatic(ctx, node, edge.text);
    else if (edge.kind === "path") node = node.pathChild ??= createNode<H>(ctx, "path", "{path}", CONVERTORS.path);
    else node = insertParam(ctx, node, edge);
  }
  const leaf = addToLeaf(node, route);
  if (template.paramNames.length === 0) {
    ctx.staticRoutes.set(template.path, leaf);
    for (let i = ctx.staticLengths.length; i < template.path.length; i++) ctx.staticLengths.push(false);
    ctx.staticLengths[template.path.length] = true;
  }
}
