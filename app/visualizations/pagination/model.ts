// The pagination visualization's reading of a run's trace: each Postgres statement with its rows
// scanned / discarded / returned (from the engine's scanSummary of the statement's own plan), its
// wall time, the kind of page query it is, and how deep in the table it reads.
//
// Depth, honestly: an OFFSET query reads from the start, so its depth is its OFFSET (a literal, or
// the bound value of `OFFSET $n`); a keyset query's depth is not in its text, so it is plotted only
// when the code labels it with a `/* depth N */` comment. Nothing is estimated.
import type { TraceEvent } from "../../../workers/trace";
import type { PostgresQueryTrace } from "../../../workers/postgres/trace";

export type QueryKind = "offset" | "keyset" | "other";

export interface QueryRow {
  event: PostgresQueryTrace;
  kind: QueryKind;
  /** Rows before the page in the query's order, when known. */
  depth?: number;
  /** The text as the table shows it (labelOf). */
  label: string;
  /** Which check sent it, or undefined for the learner's own code. */
  check?: string;
}

const DEPTH_LABEL = /\/\*\s*depth\s+([\d_,]+)\s*\*\//i;
const OFFSET = /\bOFFSET\s+(?:(\d+)|\$(\d+))/i;
/** A comparison with a bound value or a row of them: `id > $1`, `(created_at, id) < ($1, $2)`. */
const KEYSET = /\bWHERE\b[^;]*?(?:\)|\w)\s*[<>]=?\s*(?:\(\s*)?\$\d+[^;]*\bORDER\s+BY\b[^;]*\bLIMIT\b/i;

/** The text with comments dropped, whitespace collapsed, and a list of several columns as "…". */
export function labelOf(text: string): string {
  const flat = text
    .replace(/\/\*[\s\S]*?\*\//g, " ")
    .replace(/--[^\n]*/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return flat.replace(/^SELECT ([^()]*?) FROM /i, (whole, columns: string) => (columns.includes(",") ? "SELECT … FROM " : whole));
}

function offsetOf(text: string, values: unknown[] | undefined): number | undefined {
  const m = OFFSET.exec(text);
  if (!m) return undefined;
  const n = m[1] !== undefined ? Number(m[1]) : Number(values?.[Number(m[2]) - 1]);
  return Number.isFinite(n) ? n : undefined;
}

export function readQuery(event: PostgresQueryTrace, check?: string): QueryRow {
  const label = labelOf(event.text);
  const labelled = DEPTH_LABEL.exec(event.text);
  const depthLabel = labelled ? Number(labelled[1].replace(/[_,]/g, "")) : undefined;
  const offset = offsetOf(label, event.values);
  const kind: QueryKind = offset !== undefined ? "offset" : KEYSET.test(label) ? "keyset" : "other";
  return { event, kind, depth: depthLabel ?? offset, label, check };
}

/** Every Postgres statement of the run that has a scan summary or an error, in order. */
export function readQueries(trace: readonly TraceEvent[]): QueryRow[] {
  const checks = trace.filter((e) => e.source === "sandbox" && e.kind === "check") as Extract<TraceEvent, { kind: "check" }>[];
  const checkAt = (t: number) => checks.find((c) => t >= c.t && t <= c.t + c.durationMs)?.name;
  return trace
    .filter((e): e is PostgresQueryTrace => e.source === "postgres" && e.kind === "query")
    .filter((e) => e.summary !== undefined || e.error !== undefined)
    .map((e) => readQuery(e, checkAt(e.t)));
}

/**
 * The query the strip shows before the learner picks one: of the learner's own statements (the
 * checks' come after, if the learner's code sent none), the one that read the most rows.
 */
export function defaultSelection(rows: QueryRow[]): number {
  const own = rows.some((r) => r.check === undefined);
  let best = -1;
  rows.forEach((r, i) => {
    if (own && r.check !== undefined) return;
    if (best < 0 || (r.event.summary?.scanned ?? -1) > (rows[best].event.summary?.scanned ?? -1)) best = i;
  });
  return Math.max(best, 0);
}

/** Where in the table a query's rows lie: from its depth (0 when unknown) onwards. */
export function extentOf(row: QueryRow): { start: number; end: number } {
  const s = row.event.summary ?? { scanned: 0, discarded: 0, returned: 0 };
  // An OFFSET query reads from the first row; a keyset query starts at its cursor.
  const start = row.kind === "offset" ? 0 : (row.depth ?? 0);
  return { start, end: start + Math.max(s.scanned, s.discarded + s.returned) };
}

export interface LatencyPoint {
  depth: number;
  ms: number;
}

/** Measured times against depth, for OFFSET and for keyset queries that say their depth. */
export function latencySeries(rows: QueryRow[]): Record<"offset" | "keyset", LatencyPoint[]> {
  const series = { offset: [] as LatencyPoint[], keyset: [] as LatencyPoint[] };
  for (const r of rows) {
    if (r.kind === "other" || r.depth === undefined || r.event.error || r.event.via !== "query") continue;
    series[r.kind].push({ depth: r.depth, ms: r.event.durationMs });
  }
  series.offset.sort((a, b) => a.depth - b.depth);
  series.keyset.sort((a, b) => a.depth - b.depth);
  return series;
}

interface PlanLike {
  "Node Type"?: string;
  "Index Name"?: string;
  "Relation Name"?: string;
  Plans?: PlanLike[];
}

/** The plan as a line: "Limit → Index Scan using feed_items_pkey". */
export function planShape(plan: unknown): string | undefined {
  const root = (plan as { Plan?: PlanLike } | undefined)?.Plan;
  if (!root) return undefined;
  const name = (n: PlanLike): string => {
    const on = n["Index Name"] ? ` using ${n["Index Name"]}` : n["Relation Name"] ? ` on ${n["Relation Name"]}` : "";
    const children = n.Plans ?? [];
    const below = children.length ? ` → ${children.map(name).join(", ")}` : "";
    return `${n["Node Type"] ?? "?"}${on}${below}`;
  };
  return name(root);
}
