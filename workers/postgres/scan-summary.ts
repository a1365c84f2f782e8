// scanSummary(plan): an EXPLAIN (ANALYZE, FORMAT JSON) plan as rows scanned / discarded / returned
// (docs/architecture.md, "Contracts"), the three numbers the pagination and search lessons draw.
//
// The rules, node by node over the whole tree (InitPlans and SubPlans included). Every count is
// per-loop in Postgres's output, so each is multiplied by the node's "Actual Loops" and rounded
// (Postgres 18 prints "Actual Rows" as a per-loop average with two decimals, and the "Rows
// Removed by …" counters as per-loop averages rounded to whole rows):
//
// scanned   Scan nodes that read stored or generated rows — Seq Scan, Index Scan, Index Only
//           Scan, Bitmap Heap Scan, Tid Scan, Tid Range Scan, Sample Scan, Foreign Scan,
//           Function Scan, Table Function Scan, Values Scan — add every row they looked at:
//           (Actual Rows + Rows Removed by Filter + Rows Removed by Index Recheck) × loops.
//           Bitmap Index Scan is not counted (its rows are the TIDs its Bitmap Heap Scan then
//           reads), nor are scans of intermediate results (CTE Scan, WorkTable Scan, Subquery
//           Scan, Named Tuplestore Scan): the scans that produced those rows counted them.
// discarded Rows thrown away:
//           - by filters, on any node: (Rows Removed by Filter + Rows Removed by Join Filter +
//             Rows Removed by Index Recheck) × loops;
//           - by OFFSET and by a LIMIT above a sort: a Limit node discards what its child
//             produced minus what it passed on (child rows − Limit rows, both × loops): OFFSET
//             999950 LIMIT 50 over an index scan reads 1,000,000 rows and discards 999,950;
//           - by a sort whose parent stopped pulling early (a top-N sort under LIMIT): a Sort or
//             Incremental Sort discards its input rows minus its output rows.
//           Rows that joins and aggregates combine are neither discarded nor returned: they are
//           the rest of the gap between scanned and returned.
// returned  The top node's Actual Rows × loops (what the statement gave back; 0 for an INSERT
//           without RETURNING).

export interface ScanSummary {
  scanned: number;
  discarded: number;
  returned: number;
}

/** One node of EXPLAIN (FORMAT JSON) output; only the fields read here are typed. */
export interface PlanNode {
  "Node Type": string;
  "Actual Rows"?: number;
  "Actual Loops"?: number;
  "Rows Removed by Filter"?: number;
  "Rows Removed by Join Filter"?: number;
  "Rows Removed by Index Recheck"?: number;
  Plans?: PlanNode[];
  [key: string]: unknown;
}

const READING_SCANS = new Set([
  "Seq Scan",
  "Index Scan",
  "Index Only Scan",
  "Bitmap Heap Scan",
  "Tid Scan",
  "Tid Range Scan",
  "Sample Scan",
  "Foreign Scan",
  "Function Scan",
  "Table Function Scan",
  "Values Scan",
]);

const SORTS = new Set(["Sort", "Incremental Sort"]);

/**
 * Accepts what EXPLAIN (FORMAT JSON) gives in any of its wrappings: the JSON text, the
 * one-element array, the `{ Plan, … }` object, or a plan node itself.
 */
export function scanSummary(plan: unknown): ScanSummary {
  const root = rootNode(plan);
  const summary = { scanned: 0, discarded: 0, returned: total(root, root["Actual Rows"]) };
  visit(root, summary);
  return summary;
}

function rootNode(plan: unknown): PlanNode {
  let value = typeof plan === "string" ? (JSON.parse(plan) as unknown) : plan;
  if (Array.isArray(value)) value = value[0];
  if (isObject(value) && "QUERY PLAN" in value) value = value["QUERY PLAN"];
  if (Array.isArray(value)) value = value[0];
  if (isObject(value) && isObject(value.Plan)) value = value.Plan;
  if (!isObject(value) || typeof value["Node Type"] !== "string") {
    throw new TypeError("scanSummary: not an EXPLAIN (FORMAT JSON) plan");
  }
  if (value["Actual Loops"] === undefined) {
    throw new TypeError("scanSummary: the plan has no actual rows; use EXPLAIN (ANALYZE, FORMAT JSON)");
  }
  return value as PlanNode;
}

function visit(node: PlanNode, summary: ScanSummary): void {
  const filtered = total(node, node["Rows Removed by Filter"]);
  const rechecked = total(node, node["Rows Removed by Index Recheck"]);
  const joinFiltered = total(node, node["Rows Removed by Join Filter"]);
  const out = total(node, node["Actual Rows"]);
  const type = node["Node Type"];

  if (READING_SCANS.has(type)) summary.scanned += out + filtered + rechecked;
  summary.discarded += filtered + rechecked + joinFiltered;

  const children = node.Plans ?? [];
  if (type === "Limit" || SORTS.has(type)) {
    // The child that feeds rows (a Limit's InitPlans, for a LIMIT $1 from a subquery, do not).
    const input = children.find((c) => c["Parent Relationship"] === "Outer") ?? children[0];
    if (input) summary.discarded += Math.max(0, total(input, input["Actual Rows"]) - out);
  }
  for (const child of children) visit(child, summary);
}

/** A per-loop figure times the node's loops, as a whole number of rows. */
function total(node: PlanNode, perLoop: number | undefined): number {
  return Math.round((perLoop ?? 0) * (node["Actual Loops"] ?? 0));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
