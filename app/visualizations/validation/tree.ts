// The input of one validation as a tree, built from the places validation visited (their locs):
// each with the value it became, or the errors pinned there. Pure: from one Validation (read from
// the trace up to the playhead, read.ts) to the nodes the picture and its table draw.
import type { TracedValue } from "../../../workers/validation/trace";
import type { Loc, PinnedError, Validation, Visit } from "./validation";

/**
 * What validation made of a place, as far as the playhead has got:
 * - accepted: valid as it was; coerced: valid once converted ("42" → 42);
 * - rejected: an error is pinned here; inner: its own checks passed, an error lies below it;
 * - missing: a required field the input lacks; pending: on the way to a place, not answered yet.
 */
export type NodeState = "accepted" | "coerced" | "rejected" | "inner" | "missing" | "pending";

export interface TreeNode {
  /** The key or index in its parent; null for the root. */
  key: string | number | null;
  loc: Loc;
  /** A union member tried at its parent's place ("int" of `int | str`), not a place of the input. */
  member: boolean;
  type?: string;
  input?: TracedValue;
  output?: TracedValue;
  children: TreeNode[];
  state: NodeState;
  errors: PinnedError[];
}

function node(key: string | number | null, loc: Loc, member = false): TreeNode {
  return { key, loc, member, children: [], state: "pending", errors: [] };
}

/** The engine names a union "union[int,str]" and a tagged one "tagged-union[Cat,Dog]". */
function isUnion(type: string | undefined): boolean {
  return type !== undefined && /^(tagged-)?union\[/.test(type);
}

/** A dict key's own validation: drawn as its entry's error (loc …, key, "[key]"), never as a place. */
const KEY = "[key]";

function child(parent: TreeNode, key: string | number, create: boolean): TreeNode | undefined {
  const found = parent.children.find((c) => c.key === key);
  if (found || !create) return found;
  const made = node(key, [...parent.loc, key]);
  parent.children.push(made);
  return made;
}

function visit(root: TreeNode, v: Visit): void {
  if (v.loc.at(-1) === KEY) return;
  let at = root;
  for (const key of v.loc) at = child(at, key, true)!;
  at.type = v.type;
  at.input = v.input;
  at.output = v.output;
  // A visit's error is pinned with the others, from the validation's list (treeOf). Children are
  // visited before their container: a container changed on the way says so through its leaves.
  if (v.accepted) at.state = v.coerced && at.children.length === 0 ? "coerced" : "accepted";
}

/**
 * The node a location names, and what is left of the location below it. A missing field becomes
 * a node of its own (so "Field required" sits where the field should have been); steps past the
 * visited places (a dict key's "[key]") stay as the rest.
 */
function locate(root: TreeNode, loc: Loc, missing: boolean): { at: TreeNode; rest: Loc } {
  let at = root;
  for (let i = 0; i < loc.length; i++) {
    const next = child(at, loc[i], missing && i === loc.length - 1);
    if (!next) return { at, rest: loc.slice(i) };
    at = next;
  }
  return { at, rest: [] };
}

function settle(n: TreeNode, parentType: string | undefined): boolean {
  n.member = n.key !== null && typeof n.key === "string" && isUnion(parentType);
  let below = false;
  for (const c of n.children) below = settle(c, n.type) || below;
  if (n.errors.length > 0) n.state = n.input === undefined && n.errors.every((e) => e.type === "missing") ? "missing" : "rejected";
  else if (below && n.state !== "coerced" && n.state !== "accepted") n.state = "inner";
  return below || n.errors.length > 0;
}

/** The validation's input as a tree with its outcomes and errors pinned, as far as it has got. */
export function treeOf(validation: Validation): TreeNode {
  const root = node(null, []);
  root.input = validation.input;
  root.type = validation.model;
  for (const v of validation.visits) visit(root, v);
  for (const error of validation.errors) {
    const { at, rest } = locate(root, error.loc, error.type === "missing");
    at.errors.push({ ...error, rest });
  }
  if (validation.ended && validation.ok && root.state === "pending") root.state = "accepted";
  settle(root, undefined);
  return root;
}

/** Every node, depth first, in the order validation reached them: what the table lists. */
export function flatten(root: TreeNode): TreeNode[] {
  return [root, ...root.children.flatMap(flatten)];
}
