// A run's statements run as the learner role (learner-role.ts), and the one statement that could
// take the session back to the superuser is SET SESSION AUTHORIZATION (Postgres allows it to a
// session that began as a superuser, which PGlite's always does). This refuses every spelling of
// it, read as Postgres's grammar (gram.y, VariableSetStmt / VariableResetStmt) reads them:
//
//   SET [LOCAL | SESSION] SESSION AUTHORIZATION …      RESET SESSION AUTHORIZATION
//   SET [LOCAL | SESSION] session_authorization …      RESET session_authorization
//
// with the name in any case, quoted ("session_authorization") or as a Unicode-escaped identifier
// (U&"…", refused unread: nothing a lesson does needs one in SET). Setting it from inside code
// (set_config, DO, functions) is taken from the role itself; DISCARD ALL cannot run in the run's
// transaction. SET ROLE needs no gate: the learner is a member of no role.
import { PostgresError } from "./errors.ts";
import { position, statementTokens, type Token } from "./sql-lexer.ts";

const NAME = "session_authorization";

/** The refusal for a statement that would change the session's authorization, or null. */
export function authorizationControl(text: string): PostgresError | null {
  const { tokens } = statementTokens(text, 4);
  const [first] = tokens;
  if (first?.kind !== "word" || (first.text !== "set" && first.text !== "reset")) return null;
  let at = 1;
  // SET LOCAL … / SET SESSION … (but SET SESSION AUTHORIZATION is the command itself)
  if (first.text === "set" && isWord(tokens[1], "local", "session") && !isWord(tokens[2], "authorization")) at = 2;
  const name = tokens[at];
  const refused =
    (isWord(name, "session") && isWord(tokens[at + 1], "authorization")) ||
    ((name?.kind === "word" || name?.kind === "quoted") && name.text === NAME) ||
    unicodeIdentifier(text, name);
  if (!refused) return null;
  return new PostgresError({
    message: "SET SESSION AUTHORIZATION is not available here: a run's statements run as the role playground_learner",
    severity: "ERROR",
    code: "42501", // insufficient_privilege
    position: position(text, first),
  });
}

function isWord(token: Token | undefined, ...words: string[]): boolean {
  return token?.kind === "word" && words.includes(token.text);
}

/** U&"…": the lexer reads the U as a word and stops at the &. */
function unicodeIdentifier(text: string, token: Token | undefined): boolean {
  return isWord(token, "u") && text[(token as Token).start + 1] === "&";
}
