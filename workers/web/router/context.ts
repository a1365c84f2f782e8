// The state one Router keeps, shared by its operations (add, find, match, describe): the routes
// in declaration order and, for the radix strategy, the tree and the static map.
import type { Convertor } from "./convertors.ts";
import type { MatchFound, RouteInfo, Strategy } from "./types.ts";

export interface RouteRecord<H> {
  readonly info: RouteInfo;
  readonly handler: H;
  /** FastAPI turns `methods=[]` into an empty set, and Starlette then accepts every method. */
  readonly anyMethod: boolean;
  readonly methodSet: ReadonlySet<string>;
  readonly convertors: readonly Convertor[];
  /** Starlette's whole-path regex (linear strategy; describe() shows it for both). */
  readonly regex: RegExp;
  /** The answer for a param-less route, built once so a static hit allocates nothing. */
  readonly staticHit: MatchFound<H> | null;
}

/** The routes that end at one tree node, in declaration order. */
export interface Leaf<H> {
  readonly routes: RouteRecord<H>[];
  /** For each method, the first declared route here that takes it. */
  readonly byMethod: Record<string, RouteRecord<H>>;
  /** The first declared route here that takes any method, when no earlier route took it. */
  any: RouteRecord<H> | null;
}

export type NodeKind = "root" | "static" | "param" | "pattern" | "path";

/** One piece of a segment pattern such as "{name}.{ext}": literal text or a parameter. */
export type PatternToken = { readonly text: string; readonly convertor: null } | { readonly text: ""; readonly convertor: Convertor };

export interface RadixNode<H> {
  readonly id: number;
  readonly kind: NodeKind;
  /** static: the text on the edge into this node; otherwise a label such as "{int}". */
  prefix: string;
  /** param and path nodes. */
  readonly convertor: Convertor | null;
  /** pattern nodes: a segment with several parameters or text around one. */
  readonly pattern: readonly PatternToken[] | null;
  readonly paramCount: number;
  /** The value always runs to the end of its segment: one candidate end instead of many. */
  bounded: boolean;
  /** Static children indexed by the char code of their first character. */
  staticByCode: (RadixNode<H> | undefined)[];
  /** Tried in this order: patterns (declaration order), then int, float, uuid, str. */
  readonly paramChildren: RadixNode<H>[];
  pathChild: RadixNode<H> | null;
  leaf: Leaf<H> | null;
}

export interface RouterContext<H> {
  readonly strategy: Strategy;
  readonly routes: RouteRecord<H>[];
  readonly root: RadixNode<H>;
  /** Param-less paths (percent-decoded, as the tree sees them) to their leaf. */
  readonly staticRoutes: Map<string, Leaf<H>>;
  nextNodeId: number;
  /** Scratch space for one lookup: start/end offsets of each parameter value, in order. */
  readonly spans: number[];
  /** Set by a lookup: the first route whose path matched but whose methods did not. */
  partial: RouteRecord<H> | null;
}

export function createNode<H>(
  ctx: { nextNodeId: number },
  kind: NodeKind,
  prefix: string,
  convertor: Convertor | null = null,
  pattern: readonly PatternToken[] | null = null,
): RadixNode<H> {
  const paramCount = pattern ? pattern.filter((t) => t.convertor !== null).length : convertor ? 1 : 0;
  return {
    id: ctx.nextNodeId++,
    kind,
    prefix,
    convertor,
    pattern,
    paramCount,
    bounded: true,
    staticByCode: [],
    paramChildren: [],
    pathChild: null,
    leaf: null,
  };
}

export function createRouterContext<H>(strategy: Strategy): RouterContext<H> {
  const counter = { nextNodeId: 0 };
  const root = createNode<H>(counter, "root", "");
  return {
    strategy,
    routes: [],
    root,
    staticRoutes: new Map(),
    nextNodeId: counter.nextNodeId,
    spans: [],
    partial: null,
  };
}
