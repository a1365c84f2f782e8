// Postgres errors as the learner sees them: node-postgres's DatabaseError fields (message,
// SQLSTATE code, 1-based character position, …) as plain data, so they survive a trip through
// postMessage (which keeps only message/name/stack of an Error).

const FIELD_KEYS = [
  "severity", "code", "position", "detail", "hint", "where", "schema", "table", "column",
  "dataType", "constraint", "internalPosition", "internalQuery",
] as const;

/**
 * A Postgres error as plain data; `name` is "error", as node-postgres names its DatabaseError
 * (so `String(e)` reads "error: …").
 */
export type PostgresErrorFields = { message: string; name: string } & Pick<PostgresError, (typeof FIELD_KEYS)[number]>;

/** A Postgres error with node-postgres's DatabaseError fields beside its message. */
export class PostgresError extends Error {
  severity?: string;
  /** SQLSTATE, e.g. "42P01" undefined_table, "57014" query_canceled. */
  code?: string;
  /** 1-based character offset into the statement the learner wrote, as Postgres reports it. */
  position?: number;
  detail?: string;
  hint?: string;
  where?: string;
  schema?: string;
  table?: string;
  column?: string;
  dataType?: string;
  constraint?: string;
  internalPosition?: number;
  internalQuery?: string;

  constructor(fields: Omit<PostgresErrorFields, "name">) {
    super(fields.message);
    this.name = "error";
    for (const [key, value] of Object.entries(fields)) {
      if (key !== "message" && value !== undefined) (this as Record<string, unknown>)[key] = value;
    }
  }

  /** Plain data for postMessage. */
  toJSON(): PostgresErrorFields {
    const fields: Record<string, unknown> = { message: this.message, name: this.name };
    for (const key of FIELD_KEYS) if (this[key] !== undefined) fields[key] = this[key];
    return fields as unknown as PostgresErrorFields;
  }
}

/**
 * PGlite's DatabaseError as a PostgresError; `shift` moves positions back by the length of text
 * the engine put in front of the learner's statement (the EXPLAIN prefix). Anything that is not
 * a Postgres error is returned as it is.
 */
export function fromDatabaseError(error: unknown, shift = 0): unknown {
  if (!(error instanceof Error) || typeof (error as { code?: unknown }).code !== "string") return error;
  const e = error as Error & Record<string, unknown>;
  const position = toNumber(e.position);
  return new PostgresError({
    message: e.message,
    severity: str(e.severity),
    code: str(e.code),
    position: position === undefined ? undefined : Math.max(1, position - shift),
    detail: str(e.detail),
    hint: str(e.hint),
    where: str(e.where),
    schema: str(e.schema),
    table: str(e.table),
    column: str(e.column),
    dataType: str(e.dataType),
    constraint: str(e.constraint),
    internalPosition: toNumber(e.internalPosition),
    internalQuery: str(e.internalQuery),
  });
}

function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function toNumber(value: unknown): number | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}
