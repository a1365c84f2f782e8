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
  /** Every parameter is a str or a path: values are used as they are, no conversion. */
  readonly textParams: boolean;
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
  /** The first declared route here that takes every method; routes after it add nothing to byMethod. */
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
  /** The prefix as char codes, which the lookup compares with the path's one by one. */
  prefixCodes: number[];
  /** param and path nodes. */
  readonly convertor: Convertor | null;
  /** pattern nodes: a segment with several parameters or text around one. */
  readonly pattern: readonly PatternToken[] | null;
  readonly paramCount: number;
  /** The value always runs to the end of its segment: one candidate end instead of many. */
  bounded: boolean;
  /** Static children, and the char codes they start with side by side (as find-my-way keeps them). */
  readonly staticCodes: number[];
  readonly staticChildren: RadixNode<H>[];
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
  /**
   * Which lengths the static map holds: a Map lookup hashes the whole path (a request's path is
   * a fresh string each time), so a path no static route is as long as is not looked up.
   */
  readonly staticLengths: boolean[];
  nextNodeId: number;
  /** Scratch space for one lookup: start/end offsets of each parameter value, in order. */
  readonly spans: number[];
  /** Set by a lookup: the first route whose path matched but whose methods did not. */
  partial: RouteRecord<H> | null;
}

export function codesOf(text: string): number[] {
  return Array.from(text, (_, i) => text.charCodeAt(i));
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
    prefixCodes: codesOf(prefix),
    convertor,
    pattern,
    paramCount,
    bounded: true,
    staticCodes: [],
    staticChildren: [],
    paramChildren: [],
    pathChild: null,
    leaf: null,
  };
}

/** The static child whose prefix starts with the character `code`, if any. */
export function staticChild<H>(node: RadixNode<H>, code: number): RadixNode<H> | null {
  const codes = node.staticCodes;
  for (let i = 0; i < codes.length; i++) if (codes[i] === code) return node.staticChildren[i];
  return null;
}

export function setStaticChild<H>(node: RadixNode<H>, child: RadixNode<H>): void {
  const code = child.prefix.charCodeAt(0);
  const i = node.staticCodes.indexOf(code);
  if (i === -1) {
    node.staticCodes.push(code);
    node.staticChildren.push(child);
  } else {
    node.staticChildren[i] = child;
  }
}

export function createRouterContext<H>(strategy: Strategy): RouterContext<H> {
  const counter = { nextNodeId: 0 };
  const root = createNode<H>(counter, "root", "");
  return {
    strategy,
    routes: [],
    root,
    staticRoutes: new Map(),
    staticLengths: [],
    nextNodeId: counter.nextNodeId,
    spans: [],
    partial: null,
  };
}
