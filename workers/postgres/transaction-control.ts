// A run is one transaction that ends in ROLLBACK; no learner statement may end it any other way.
// Every door, and what closes it (each is tried against a real PGlite in boundary.test.ts):
//
//  - COMMIT, END, ABORT, ROLLBACK (but ROLLBACK TO a savepoint), PREPARE TRANSACTION, COMMIT /
//    ROLLBACK PREPARED, and BEGIN / START TRANSACTION (harmless inside a block, but they say the
//    learner expects something a run does not give): refused here, by the statement's first
//    keywords as Postgres's lexer reads them (sql-lexer.ts), so ";COMMIT", "-- x\rCOMMIT",
//    "/* /* */ */ COMMIT", "\fCOMMIT" and "\vCOMMIT" are all seen for the COMMIT they are.
//  - Two statements in one text ("SELECT 1; COMMIT"): the learner's text goes to Postgres alone in
//    one Parse message (PGlite's `query`, the extended protocol), and Postgres refuses a Parse with
//    more than one statement ("cannot insert multiple commands into a prepared statement"). Empty
//    statements do not count, which is why ";COMMIT" needs the lexer above. The EXPLAIN prefix
//    the engine puts in front of `explain` text does not change this: "EXPLAIN … ;COMMIT" is a
//    syntax error and "EXPLAIN … SELECT 1; COMMIT" two statements.
//  - COMMIT inside code: DO blocks and CALLed procedures may commit only in a non-atomic context,
//    which a statement inside a transaction block never is ("invalid transaction termination",
//    2D000); functions never may.
//  - PREPARE / EXECUTE: PREPARE takes only SELECT, INSERT, UPDATE, DELETE, MERGE and VALUES.
//  - Statements that cannot run in a transaction block (VACUUM, ALTER SYSTEM, CREATE DATABASE,
//    DISCARD ALL, …) are refused by Postgres itself, since every learner statement runs in one.
//  - Anything unforeseen: after each learner statement the engine checks that the run's
//    transaction is still open (PGlite's isInTransaction, a flag read from the backend) and, if
//    not, refuses the statement, opens a new transaction and reports the run as escaped.
//
//  - Writing files, which no rollback undoes (COPY … TO a file, lo_export, PGlite's own data files
//    among them): for superusers only, and a run's statements run as a role that is not one and
//    cannot become one (learner-role.ts, authorization-control.ts).
import { PostgresError } from "./errors.ts";
import { position, statementTokens } from "./sql-lexer.ts";

/** The refusal for a transaction-control statement, or null for any other text. */
export function transactionControl(text: string): PostgresError | null {
  const { tokens } = statementTokens(text, 3);
  const [first, second, third] = tokens;
  if (first?.kind !== "word") return null;
  const word = (token: typeof second) => (token?.kind === "word" ? token.text : null);
  let command: string;
  switch (first.text) {
    case "begin":
    case "abort":
    case "end":
      command = first.text;
      break;
    case "start":
      command = word(second) === "transaction" ? "start transaction" : "start";
      break;
    case "commit":
      command = word(second) === "prepared" ? "commit prepared" : "commit";
      break;
    case "rollback": {
      // ROLLBACK [WORK | TRANSACTION] TO [SAVEPOINT] name: the learner's own savepoints.
      const afterNoise = word(second) === "work" || word(second) === "transaction" ? third : second;
      if (word(afterNoise) === "to") return null;
      command = word(second) === "prepared" ? "rollback prepared" : "rollback";
      break;
    }
    case "prepare":
      if (word(second) !== "transaction") return null; // PREPARE name AS …
      command = "prepare transaction";
      break;
    default:
      return null;
  }
  return new PostgresError({
    message: `${command.toUpperCase()} is not available here: each run is one transaction, rolled back when the run ends`,
    severity: "ERROR",
    code: "0A000", // feature_not_supported
    position: position(text, first),
  });
}
