// PgBouncer's objects (objects.c): a client socket, a server socket, and a pool — one per
// (database, user) — whose lists say what state each socket is in. A state change is a move
// between lists, and the order within a list is policy: waiting clients are served first come,
// first served; an idle server goes to the front of the idle list (server_round_robin = 0, LIFO,
// so the most recently used server is reused first and the others can age out).
import type { PostgresSession } from "../session.ts";
import type { ConnectAttempt } from "../server.ts";
import type { PoolCounts } from "../pgbouncer-trace.ts";
import type { ClientEvents, QueryMessage, StartupParams } from "../wire.ts";
import type { PoolMode } from "./config.ts";
import { Stats } from "./stats.ts";

/** login: startup not yet handled; active: logged in, with or without a server; waiting: queued. */
export type ClientState = "login" | "active" | "waiting" | "closed";
/**
 * login: being opened; idle: free; active: linked to a client; used: idle too long, to be
 * checked before reuse; tested: running the reset or check query.
 */
export type ServerState = "login" | "idle" | "active" | "used" | "tested" | "closed";

export interface BouncerClient {
  readonly id: number;
  state: ClientState;
  readonly startup: StartupParams;
  readonly events: ClientEvents;
  pool: Pool | null;
  admin: boolean;
  link: BouncerServer | null;
  /** The tracked parameters (varcache) as this client has set them. */
  readonly vars: Map<string, string>;
  /** A query read from the client, not yet sent on (waiting for a server, or for a SET first). */
  pending: QueryMessage | null;
  /** Logged in, but the pool has no server parameters to greet it with yet. */
  waitForWelcome: boolean;
  connectTime: number;
  requestTime: number;
  /** When the query under way arrived (0: none), and the transaction it belongs to. */
  queryStart: number;
  xactStart: number;
  waitStart: number;
}

export interface BouncerServer {
  readonly id: number;
  state: ServerState;
  readonly pool: Pool;
  link: BouncerClient | null;
  session: PostgresSession | null;
  attempt: ConnectAttempt | null;
  pid: number | null;
  readonly vars: Map<string, string>;
  /** Idle between transactions (ReadyForQuery 'I'): it may be given to another client. */
  ready: boolean;
  idleTx: boolean;
  /** Running PgBouncer's SET of the client's tracked parameters before the client's query. */
  settingVars: boolean;
  connectTime: number;
  requestTime: number;
  /** When the query under way was sent, and what it was, for the trace. */
  sentAt: number;
  sentSql: string;
}

export class Pool {
  readonly activeClients: BouncerClient[] = [];
  readonly waitingClients: BouncerClient[] = [];
  readonly activeServers: BouncerServer[] = [];
  readonly idleServers: BouncerServer[] = [];
  readonly usedServers: BouncerServer[] = [];
  readonly testedServers: BouncerServer[] = [];
  readonly newServers: BouncerServer[] = [];
  readonly stats = new Stats();
  /** A server has logged in once: its parameters greet every client (the welcome message). */
  welcomeReady = false;
  welcomeParams: Record<string, string> = {};
  /** The tracked parameters of the first server, which clients start with. */
  readonly origVars = new Map<string, string>();
  lastLoginFailed = false;
  lastConnectFailed = false;
  lastConnectTime = -Infinity;
  lastLifetimeDisconnect = -Infinity;

  constructor(
    readonly database: string,
    /** The Postgres database behind it. */
    readonly dbname: string,
    readonly user: string,
    readonly mode: PoolMode,
    readonly size: number,
    private readonly roundRobin: boolean,
  ) {}

  /** Every server connection, logging in or logged in. */
  serverCount(): number {
    return this.activeServers.length + this.idleServers.length + this.usedServers.length + this.testedServers.length + this.newServers.length;
  }

  counts(): PoolCounts {
    return {
      clActive: this.activeClients.length,
      clWaiting: this.waitingClients.length,
      svActive: this.activeServers.length,
      svIdle: this.idleServers.length,
      svUsed: this.usedServers.length,
      svTested: this.testedServers.length,
      svLogin: this.newServers.length,
    };
  }

  setClientState(client: BouncerClient, state: ClientState, now: number): void {
    remove(this.clientList(client.state), client);
    client.state = state;
    if (state === "waiting") client.waitStart = now;
    this.clientList(state)?.push(client);
  }

  setServerState(server: BouncerServer, state: ServerState): void {
    remove(this.serverList(server.state), server);
    server.state = state;
    const list = this.serverList(state);
    if (!list) return;
    if (state === "used" || (state === "idle" && !this.roundRobin)) list.unshift(server);
    else list.push(server);
  }

  private clientList(state: ClientState): BouncerClient[] | undefined {
    return state === "active" ? this.activeClients : state === "waiting" ? this.waitingClients : undefined;
  }

  private serverList(state: ServerState): BouncerServer[] | undefined {
    switch (state) {
      case "login":
        return this.newServers;
      case "idle":
        return this.idleServers;
      case "active":
        return this.activeServers;
      case "used":
        return this.usedServers;
      case "tested":
        return this.testedServers;
      case "closed":
        return undefined;
    }
  }
}

function remove<T>(list: T[] | undefined, item: T): void {
  const at = list?.indexOf(item) ?? -1;
  if (at >= 0) list!.splice(at, 1);
}
