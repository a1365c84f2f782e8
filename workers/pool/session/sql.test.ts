import { describe, expect, it } from "vitest";
import { splitStatements } from "./sql.ts";

const texts = (sql: string) => splitStatements(sql).map((s) => s.text);

describe("splitStatements", () => {
  it("cuts at top-level semicolons only, leaving out empty statements", () => {
    expect(texts("SET a = 1; ;SHOW a;")).toEqual(["SET a = 1", "SHOW a"]);
    expect(texts("SELECT ';' AS x; NOTIFY c, 'a;b'")).toEqual(["SELECT ';' AS x", "NOTIFY c, 'a;b'"]);
    expect(texts('SELECT 1 AS "a;b"; SELECT $$x;y$$')).toEqual(['SELECT 1 AS "a;b"', "SELECT $$x;y$$"]);
    expect(texts("SELECT 1 -- a; comment\n; /* x; /* nested; */ y; */ SELECT 2")).toEqual(["SELECT 1 -- a; comment", "SELECT 2"]);
  });

  it("reads literals as Postgres does: '' and E'\\'' escapes, dollar quotes, folded words", () => {
    const [s] = splitStatements(`NOTIFY "Jobs", E'it\\'s', 'it''s', $tag$a$tag$ Work`);
    expect(s.tokens.map((t) => `${t.kind}:${t.text}`)).toEqual(["word:notify", "ident:Jobs", "op:,", "string:it's", "op:,", "string:it's", "op:,", "string:a", "word:work"]);
  });

  it("keeps a statement whose string never ends whole, marked incomplete", () => {
    expect(splitStatements("SET a = 1; SELECT 'open; SELECT 2")).toMatchObject([{ text: "SET a = 1", complete: true }, { text: "SELECT 'open; SELECT 2", complete: false }]);
  });
});
