// The statement's first keywords as Postgres's lexer reads them: what the engine refuses as
// transaction control and what it runs unwrapped as the learner's own savepoint commands.
import { describe, expect, it } from "vitest";
import { LearnerSavepoints } from "./savepoints.ts";
import { statementTokens } from "./sql-lexer.ts";
import { transactionControl } from "./transaction-control.ts";

describe("transactionControl", () => {
  it.each([
    ["COMMIT", "COMMIT", 1],
    [";COMMIT", "COMMIT", 2],
    [" ; ;\n;commit work", "COMMIT", 7],
    ["-- x\rCOMMIT", "COMMIT", 6],
    ["-- x\r\nCOMMIT", "COMMIT", 7],
    ["/* /* nested */ */ COMMIT", "COMMIT", 20],
    ["/* a */ /* b /* c */ d */COMMIT", "COMMIT", 26],
    ["\fCOMMIT", "COMMIT", 2],
    ["\vCOMMIT", "COMMIT", 2],
    ["\t\r\n commit;", "COMMIT", 5],
    ["CoMmIt AND CHAIN", "COMMIT", 1],
    ["COMMIT PREPARED 'x'", "COMMIT PREPARED", 1],
    ["END", "END", 1],
    ["end transaction", "END", 1],
    ["ABORT", "ABORT", 1],
    ["BEGIN", "BEGIN", 1],
    ["START TRANSACTION", "START TRANSACTION", 1],
    ["ROLLBACK", "ROLLBACK", 1],
    ["ROLLBACK AND CHAIN", "ROLLBACK", 1],
    ["ROLLBACK WORK", "ROLLBACK", 1],
    ["ROLLBACK PREPARED 'x'", "ROLLBACK PREPARED", 1],
    ["PREPARE TRANSACTION 'x'", "PREPARE TRANSACTION", 1],
    ["/* é */ COMMIT", "COMMIT", 9], // positions count characters
    ["/* 😀 */ COMMIT", "COMMIT", 9],
  ])("refuses %j as %s at %i", (text, command, position) => {
    const error = transactionControl(text);
    expect(error).toMatchObject({ code: "0A000", position });
    expect(error?.message).toBe(`${command} is not available here: each run is one transaction, rolled back when the run ends`);
  });

  it.each([
    "SELECT 1",
    "ROLLBACK TO mine",
    "ROLLBACK TRANSACTION TO SAVEPOINT mine",
    "rollback work to mine",
    "PREPARE p AS SELECT 1",
    "committed", // an identifier, not the keyword
    "commit$1",
    "commité",
    "\u00a0COMMIT", // no-break space is not whitespace to Postgres: an identifier
    '"COMMIT"', // keywords cannot be quoted
    "/* unterminated COMMIT",
    "-- COMMIT",
    "SELECT 'COMMIT'",
    "-COMMIT",
  ])("lets %j through (Postgres judges it)", (text) => {
    expect(transactionControl(text)).toBeNull();
  });
});

describe("statementTokens", () => {
  it("folds unquoted names in ASCII only, keeps quoted ones, and cuts both to 63 bytes", () => {
    const { tokens, complete } = statementTokens(`SAVEPOINT ÀbC "Mixed ""q"""`, 8);
    expect(complete).toBe(true);
    expect(tokens.map((t) => ("text" in t ? t.text : t.kind))).toEqual(["savepoint", "Àbc", 'Mixed "q"']);
    const long = "a".repeat(70);
    expect(statementTokens(long, 1).tokens[0]).toMatchObject({ text: "a".repeat(63) });
    expect(statementTokens("é".repeat(40), 1).tokens[0]).toMatchObject({ text: "é".repeat(31) });
  });

  it("does not count any number of empty statements in front", () => {
    expect(transactionControl(";".repeat(1000) + "COMMIT")).toMatchObject({ code: "0A000" });
  });
});

describe("LearnerSavepoints", () => {
  it("runs a savepoint command unwrapped only when it is the whole text and names a savepoint of the learner's", () => {
    const s = new LearnerSavepoints();
    expect(s.unwrapped("SAVEPOINT Mine;")).toBe(true);
    s.done("SAVEPOINT Mine;");
    expect(s.unwrapped("-- done\rRELEASE mine")).toBe(true);
    expect(s.unwrapped('RELEASE "Mine"')).toBe(false); // quoted: another name
    expect(s.unwrapped("ROLLBACK WORK TO SAVEPOINT MINE")).toBe(true);
    expect(s.unwrapped("RELEASE mine; COMMIT")).toBe(false);
    expect(s.unwrapped("SAVEPOINT playground_statement")).toBe(false); // the engine's own
    expect(s.unwrapped("SAVEPOINT \"playground_statement\"")).toBe(false);
    expect(s.unwrapped("SAVEPOINT a b")).toBe(false);
    expect(s.unwrapped("RELEASE other")).toBe(false);
    s.done("RELEASE mine");
    expect(s.unwrapped("RELEASE mine")).toBe(false);
  });
});
