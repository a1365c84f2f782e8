// The parameters PgBouncer tracks per client and per server (varcache.c): the five a driver
// depends on. Postgres reports each change of them (ParameterStatus), and when PgBouncer gives a
// client a server whose values differ, it first sends a SET to make the server match the client.
// Every other setting stays with the server connection and goes to whichever client gets it
// next — the difference transaction pooling makes visible.

export const TRACKED = ["DateStyle", "client_encoding", "TimeZone", "standard_conforming_strings", "application_name"] as const;

export const isTracked = (name: string): boolean => (TRACKED as readonly string[]).includes(name);

/** PgBouncer's pg_quote_literal: single quotes doubled; E'' when there is a backslash. */
function quoteLiteral(value: string): string {
  const body = value.replace(/'/g, "''").replace(/\\/g, "\\\\");
  return value.includes("\\") ? `E'${body}'` : `'${body}'`;
}

/**
 * varcache_apply: the SET statements (one Query) that bring the server's tracked parameters to
 * the client's, or "" when none differ. A value the client never set (empty) is not sent, and
 * values differing only in case count as equal.
 */
export function varcacheApply(server: Map<string, string>, client: Map<string, string>): string {
  let sql = "";
  for (const name of TRACKED) {
    const want = client.get(name);
    const have = server.get(name);
    if (want === undefined || have === undefined || want === "") continue;
    if (want.toLowerCase() === have.toLowerCase()) continue;
    sql += `SET ${name}=${quoteLiteral(want)};`;
  }
  return sql;
}
