import { describe, expect, it } from "vitest";
import { authorizationControl } from "./authorization-control.ts";

describe("authorizationControl", () => {
  it.each([
    "SET SESSION AUTHORIZATION postgres",
    "set session authorization default",
    "SET LOCAL SESSION AUTHORIZATION 'postgres'",
    "SET SESSION SESSION AUTHORIZATION postgres",
    "RESET SESSION AUTHORIZATION",
    "SET session_authorization = postgres",
    "SET SESSION_AUTHORIZATION TO DEFAULT",
    'SET "session_authorization" TO postgres',
    'SET LOCAL "session_authorization" TO postgres',
    'SET U&"session_authorizatio\\006E" TO postgres',
    'set u&"x" = 1',
    "RESET session_authorization",
    ';;SET/* /* nested */ */SESSION\fAUTHORIZATION postgres',
    "-- a comment\rSET SESSION AUTHORIZATION postgres",
  ])("refuses %j", (text) => {
    const refusal = authorizationControl(text);
    expect(refusal?.code).toBe("42501");
    expect(refusal?.message).toMatch(/SET SESSION AUTHORIZATION is not available here/);
  });

  it.each([
    "SELECT 'SET SESSION AUTHORIZATION postgres'",
    "SET search_path = public",
    "SET LOCAL statement_timeout = 0",
    "SET SESSION statement_timeout = 0",
    "SET ROLE playground_learner",
    "RESET ALL",
    "RESET ROLE",
    'SET "Session_Authorization" = x', // a different (quoted, case-kept) name: Postgres says unknown parameter
    "SET session_replication_role = replica",
    "SELECT current_setting('session_authorization')",
  ])("lets %j through to Postgres", (text) => {
    expect(authorizationControl(text)).toBeNull();
  });

  it("points at the statement's first keyword", () => {
    expect(authorizationControl("  \n SET SESSION AUTHORIZATION x")?.position).toBe(5);
  });
});
