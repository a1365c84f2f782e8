// The Postgres wire protocol as the pool engine models it: what a client connection sends (a
// query, a Terminate) and what comes back (notices, notifications, parameter changes, a query's
// outcome up to ReadyForQuery, a FATAL error, the socket closing). A backend session
// (session.ts) speaks it, and so does PgBouncer, which stands in front of backends speaking it to
// its own clients; the node-postgres-like Client (client.ts) speaks it from the other end. Calls
// in either direction happen on the virtual clock, in order.
import type { StatementResult } from "./execute.ts";
import type { ServerError } from "./server.ts";

/** A NoticeResponse: a WARNING, NOTICE, … that does not end the query. */
export interface Notice {
  severity: string;
  code: string;
  message: string;
}

/** A NotificationResponse (LISTEN / NOTIFY); `processId` is the sending backend's pid. */
export interface Notification {
  channel: string;
  payload: string;
  processId: number;
}

/**
 * A query as the client sends it: plain text (the simple protocol), or a named prepared
 * statement (the extended protocol): `parse` when the client sends Parse first — node-postgres
 * does so the first time it uses the name on its connection, then only Bind / Execute.
 */
export type QueryMessage = ({ text: string } | { text: string; name: string; parse: boolean }) & {
  /** Bind's parameter values ($1, $2, …) for a one-statement query, as node-postgres sends them. */
  values?: readonly unknown[];
};

/** Everything a query got back, up to ReadyForQuery. */
export interface QueryReply {
  /** One per statement that completed (a Query message may hold several). */
  results: StatementResult[];
  /** The ErrorResponse that ended it, if any. */
  error?: ServerError;
  /** The ReadyForQuery status: idle, in a transaction block, in a failed one. */
  txStatus: "I" | "T" | "E";
  /** ParseComplete came back: the named statement now exists on the connection. */
  parsed?: boolean;
}

/** What the far end of a connection tells the client, in order. */
export interface ClientEvents {
  /** Logged in: AuthenticationOk, ParameterStatus…, BackendKeyData, ReadyForQuery. */
  ready(info: { processId: number; parameters: Record<string, string> }): void;
  notice(notice: Notice): void;
  notification(notification: Notification): void;
  parameterStatus(name: string, value: string): void;
  /** The current query's outcome. */
  reply(reply: QueryReply): void;
  /** An ErrorResponse outside a query's reply: a FATAL before the connection closes. */
  error(error: ServerError): void;
  /** The connection closed. */
  closed(): void;
}

/** What the client can send on an open connection. */
export interface ClientSocket {
  query(message: QueryMessage): void;
  /** Terminate: the client leaves; the far end closes the connection. */
  terminate(): void;
}

/** Startup parameters: database and user, and what node-postgres adds (application_name, …). */
export type StartupParams = { database: string; user: string } & Record<string, string>;

/** Opens a connection (a TCP connect and the startup packet); events follow on the clock. */
export type Connect = (params: StartupParams, events: ClientEvents) => ClientSocket;
