// The words of the picture: values and locations as the learner reads them, what validation made
// of each place, and the text alternative's rows (one per place that has an answer).
import type { TracedValue } from "../../../workers/validation/trace";
import { flatten, type TreeNode } from "./tree";
import type { Loc, PinnedError, Validation } from "./validation";

/**
 * A traced value as the learner reads it: "42" (a string) vs 42 (a number) must differ; what the
 * trace keeps as a preview (4.0, a list, a dict) shows its Python repr.
 */
export function formatValue(value: TracedValue | undefined): string {
  if (value === undefined) return "—";
  if (value !== null && typeof value === "object") return value.repr;
  return JSON.stringify(value);
}

/** The engine's names of a float type: "float", and "constrained-float" with gt/le/… */
const FLOAT_TYPE = /(^|-)float$/;

/**
 * What a place became: a float keeps its ".0" as Python prints it (4 → 4.0 is the int becoming a
 * float, which a JavaScript number cannot show; the trace carries it as a plain number).
 */
export function formatOutput(node: TreeNode): string {
  const out = node.output;
  if (node.type && FLOAT_TYPE.test(node.type) && typeof out === "number" && Number.isInteger(out) && Math.abs(out) < 1e16) return `${out}.0`;
  return formatValue(out);
}

/** A container's line: "list[Item] · 4 items", "Address · 2 keys" (the root's type is its name: "6 keys"). */
export function shapeText(node: TreeNode): string {
  const size = node.input !== null && typeof node.input === "object" ? node.input.size : undefined;
  const parts = node.key === null || !node.type ? [] : [node.type];
  if (size !== undefined) parts.push(plural(size, node.input !== null && typeof node.input === "object" && node.input.py === "dict" ? "key" : "item"));
  return parts.join(" · ");
}

/** ["items", 2, "price"] → "items.2.price"; [] → "(the whole input)". */
export function formatLoc(loc: Loc): string {
  return loc.length === 0 ? "(the whole input)" : loc.join(".");
}

export function errorText(error: PinnedError): string {
  const where = error.rest.length > 0 ? ` (at ${error.rest.join(".")})` : "";
  return `${error.type}${where}: ${error.msg}`;
}

export function resultText(node: TreeNode): string {
  switch (node.state) {
    case "rejected":
    case "missing":
      return node.errors.map(errorText).join("; ");
    case "coerced":
      return `coerced to ${formatOutput(node)}`;
    case "accepted":
      return "accepted as it was";
    case "inner":
      return "errors inside";
    case "pending":
      return "not answered yet";
  }
}

export interface Row {
  loc: string;
  input: string;
  result: string;
  state: TreeNode["state"];
}

/** One row per leaf and per place an error names (a container that only holds places is left out). */
export function rowsOf(root: TreeNode): Row[] {
  return flatten(root)
    .filter((n) => n.children.length === 0 || n.errors.length > 0)
    .map((n) => ({
      loc: `${formatLoc(n.loc)}${n.member ? " (union member)" : ""}`,
      input: n.state === "missing" ? "(missing)" : formatValue(n.input),
      result: resultText(n),
      state: n.state,
    }));
}

/** "for POST /signup, in the check “…”", "in your code": where the validation happened. */
export function originText(validation: Validation): string {
  const parts = [];
  if (validation.request) parts.push(`for ${validation.request}`);
  if (validation.sentBy) parts.push(validation.sentBy === "your code" ? "in your code" : `in the check “${validation.sentBy}”`);
  return parts.join(", ");
}

/** The picker's line: "2 · Signup → 3 errors · POST /signup". */
export function optionText(v: Validation): string {
  const outcome = v.ok === undefined ? "not finished" : v.ok ? "valid" : plural(v.errorCount, "error");
  return `${v.index} · ${v.model} → ${outcome}${v.request ? ` · ${v.request}` : ""}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** "Signup: 3 errors, 1 value coerced", "Signup: valid", "Signup: validating… 1 error so far". */
export function outcomeText(validation: Validation, root: TreeNode): string {
  const coerced = flatten(root).filter((n) => n.state === "coerced").length;
  const converted = coerced > 0 ? `, ${plural(coerced, "value")} coerced` : "";
  if (!validation.ended) return `${validation.model}: validating… ${plural(validation.errors.length, "error")} so far${converted}`;
  return validation.ok ? `${validation.model}: valid${converted}` : `${validation.model}: ${plural(validation.errorCount, "error")}${converted}`;
}
