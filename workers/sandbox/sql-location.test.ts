import { describe, expect, it } from "vitest";
import { SQL_TEXT, sqlErrorLocation } from "./sql-location";

/** A Postgres error as the client throws it: a 1-based position and the statement, hidden. */
function pgError(sql: string, position: number): Error {
  const e = Object.assign(new Error("column does not exist"), { position });
  Object.defineProperty(e, SQL_TEXT, { value: sql, enumerable: false });
  return e;
}

/** Line and column of the first occurrence of `needle` in `source`, 1-based. */
function at(source: string, needle: string) {
  const i = source.indexOf(needle);
  const before = source.slice(0, i).split("\n");
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

describe("sqlErrorLocation", () => {
  it("points into a multi-line template literal at Postgres's position", () => {
    const source = 'import { db } from "playground/postgres";\n\nconst r = await db.query(`SELECT id,\n  authr FROM feed_items LIMIT 1`);\n';
    const sql = "SELECT id,\n  authr FROM feed_items LIMIT 1";
    const e = pgError(sql, sql.indexOf("authr") + 1);
    const where = at(source, "authr");
    expect(sqlErrorLocation(source, { line: 3, column: 11 }, e)).toEqual({ ...where, endColumn: where.column + 5 });
  });

  it("matches a template literal with substitutions, and a position inside one points at its ${", () => {
    const source = "const COLS = 'id';\nawait db.query(\n  `SELECT ${COLS} FROM feed_items WHERE idd > $1`, [5]);\n";
    const sql = "SELECT id FROM feed_items WHERE idd > $1";
    expect(sqlErrorLocation(source, { line: 2, column: 1 }, pgError(sql, sql.indexOf("idd") + 1))).toMatchObject(at(source, "idd"));
    // No word starts at "${": the marker has no end of its own.
    expect(sqlErrorLocation(source, { line: 2, column: 1 }, pgError(sql, sql.indexOf("id FROM") + 1))).toEqual(at(source, "${COLS}"));
  });

  it("counts escapes as the characters they make, and Postgres's characters as characters", () => {
    const source = 'await db.query("SELECT \'é😀\',\\n  nope FROM t");\n';
    const sql = "SELECT 'é😀',\n  nope FROM t";
    const position = [...sql.slice(0, sql.indexOf("nope"))].length + 1;
    expect(sqlErrorLocation(source, { line: 1, column: 1 }, pgError(sql, position))).toMatchObject(at(source, "nope"));
  });

  it("skips literals that are not the statement, and comments", () => {
    const source = 'const label = "x"; // "SELECT nope"\nawait db.query("SELECT nope");\n';
    expect(sqlErrorLocation(source, { line: 1, column: 1 }, pgError("SELECT nope", 8))).toEqual({ line: 2, column: 24, endColumn: 28 });
  });

  it("gives up when the statement is not written out near the call, or the error has no position", () => {
    const source = "const sql = build();\nawait db.query(sql);\n";
    expect(sqlErrorLocation(source, { line: 2, column: 1 }, pgError("SELECT nope", 8))).toBeNull();
    expect(sqlErrorLocation(source, { line: 2, column: 1 }, new Error("plain"))).toBeNull();
  });
});
