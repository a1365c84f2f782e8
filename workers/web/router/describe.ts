// A plain-data picture of a router for the routing lesson: the radix tree with the node ids that
// trace steps name, or the linear list of regexes. Children are listed in the order a lookup
// tries them.
import type { RadixNode, RouterContext } from "./context.ts";

export interface NodeSnapshot {
  id: number;
  kind: RadixNode<unknown>["kind"];
  /** The static text on the edge into the node, or a label such as "{int}" or "{str}.{str}". */
  label: string;
  /** Indexes of the routes that end here, in declaration order. */
  routes: number[];
  children: NodeSnapshot[];
}

export interface LinearRouteSnapshot {
  index: number;
  path: string;
  methods: string[];
  pattern: string;
}

export type RouterSnapshot =
  | { strategy: "radix"; root: NodeSnapshot; staticPaths: string[] }
  | { strategy: "linear"; routes: LinearRouteSnapshot[] };

function snapshot<H>(node: RadixNode<H>): NodeSnapshot {
  const children: RadixNode<H>[] = [];
  children.push(...node.staticChildren);
  children.sort((a, b) => a.prefix.localeCompare(b.prefix));
  children.push(...node.paramChildren);
  if (node.pathChild !== null) children.push(node.pathChild);
  return {
    id: node.id,
    kind: node.kind,
    label: node.prefix,
    routes: node.leaf ? node.leaf.routes.map((r) => r.info.index) : [],
    children: children.map(snapshot),
  };
}

export function describeRouter<H>(ctx: RouterContext<H>): RouterSnapshot {
  if (ctx.strategy === "radix") {
    return { strategy: "radix", root: snapshot(ctx.root), staticPaths: [...ctx.staticRoutes.keys()] };
  }
  return {
    strategy: "linear",
    routes: ctx.routes.map((r) => ({ index: r.info.index, path: r.info.path, methods: [...r.info.methods], pattern: r.regex.source })),
  };
}
