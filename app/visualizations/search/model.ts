// What the search visualization reads from a run's trace: every Postgres statement as the rows it
// read, its time and the plan nodes that did the reading; and the last posting lists lesson code
// showed with playground/search.
import type { TraceEvent } from "../../../workers/trace";
import type { PostgresQueryTrace } from "../../../workers/postgres/trace";
import type { SearchPostingsTrace } from "../../../workers/search/trace";

/** How a statement reached its rows: a full read, through an index, or neither (no table). */
export type Access = "seq" | "index" | "other";

export interface Statement {
  /** 1-based, in the order the run sent them. */
  n: number;
  via: "query" | "explain";
  /** The SQL on one line. */
  sql: string;
  /** The reading nodes, e.g. "Seq Scan on documents", "Bitmap Index Scan on documents_fts_idx". */
  reads: string[];
  access: Access;
  scanned: number;
  returned: number;
  durationMs: number;
  error?: string;
}

export interface SearchRun {
  statements: Statement[];
  postings: SearchPostingsTrace | null;
}

interface PlanNode {
  "Node Type"?: string;
  "Relation Name"?: string;
  "Index Name"?: string;
  Plans?: PlanNode[];
}

function nodes(node: PlanNode | undefined): PlanNode[] {
  return node ? [node, ...(node.Plans ?? []).flatMap(nodes)] : [];
}

const TABLE_SCANS = new Set(["Seq Scan", "Parallel Seq Scan"]);
const INDEX_SCANS = new Set(["Index Scan", "Index Only Scan", "Bitmap Index Scan"]);

/** The nodes that went to a table or an index, named as EXPLAIN names them. */
export function readsOf(plan: unknown): { reads: string[]; access: Access } {
  const root = (plan as { Plan?: PlanNode } | undefined)?.Plan;
  const reads: string[] = [];
  let access: Access = "other";
  for (const node of nodes(root)) {
    const type = node["Node Type"] ?? "";
    if (TABLE_SCANS.has(type) && node["Relation Name"]) {
      reads.push(`${type} on ${node["Relation Name"]}`);
      access = "seq";
    } else if (INDEX_SCANS.has(type) && node["Index Name"]) {
      reads.push(`${type} on ${node["Index Name"]}`);
      if (access === "other") access = "index";
    }
  }
  return { reads, access };
}

export function oneLine(sql: string): string {
  return sql.replace(/\s+/g, " ").trim();
}

export function readRun(trace: readonly TraceEvent[]): SearchRun {
  const statements: Statement[] = [];
  let postings: SearchPostingsTrace | null = null;
  for (const event of trace) {
    if (event.source === "search" && event.kind === "postings") postings = event;
    if (event.source !== "postgres" || event.kind !== "query") continue;
    const q: PostgresQueryTrace = event;
    const { reads, access } = readsOf(q.plan);
    statements.push({
      n: statements.length + 1,
      via: q.via,
      sql: oneLine(q.text),
      reads,
      access,
      scanned: q.summary?.scanned ?? 0,
      returned: q.summary?.returned ?? q.rowCount ?? 0,
      durationMs: q.durationMs,
      ...(q.error ? { error: q.error.message } : {}),
    });
  }
  return { statements, postings };
}

/** The posting lists' picture: every id placed on one axis, and which of them the query kept. */
export function postingRows(event: SearchPostingsTrace): { label: string; ids: number[]; total: number; matched: boolean }[] {
  return [
    ...event.terms.map((list) => ({ label: list.term, ids: list.ids, total: list.total, matched: false })),
    { label: "matched", ids: event.matched, total: event.matchedTotal, matched: true },
  ];
}

/** What a correct AND would have kept: the ids on every term's list (given lists only). */
export function expectedMatches(event: SearchPostingsTrace): number[] {
  if (event.terms.length === 0) return [];
  const [first, ...rest] = event.terms.map((list) => new Set(list.ids));
  return [...first!].filter((id) => rest.every((set) => set.has(id))).sort((a, b) => a - b);
}
