// The client lesson code uses, in the style of node-redis v5: `createClient()`, `await
// client.connect()`, camelCase commands, `client.multi()…exec()`, `client.duplicate()` for a
// subscriber and `subscribe(channel, listener)`. It talks to an in-process engine; each command
// is reported with a simulated network round trip (`rttMs`) so a lesson can compare a cache hit
// with a database query honestly without real waiting.
import { commandMethods, type CommandMethods, type Reply } from "./commands.ts";

/** What the client needs of the engine: a server it can open connections to. */
export interface ServerLike {
  connect(): ConnectionLike;
}
export interface ConnectionLike {
  sendCommand(args: string[]): Promise<unknown>;
  onPush(listener: (frame: unknown[]) => void): void;
  close(): void;
}

export interface ClientOptions {
  /** Simulated network round trip per command in ms (default 0.3, a same-datacenter hop). */
  rttMs?: number;
  /** A name for the trace (default "client 1", "client 2", …). */
  name?: string;
}

export type RedisClientTrace = {
  t: number;
  source: "redis-client";
  kind: "roundtrip";
  client: string;
  command: string;
  key?: string;
  /** Simulated network time plus the time the engine took. */
  latencyMs: number;
  error?: string;
};

export interface ClientEnv {
  now(): number;
  trace?(event: RedisClientTrace): void;
}

type Listener = (message: string, channel: string) => void;

let clients = 0;

export class RedisClient {
  private connection: ConnectionLike | null = null;
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly patternListeners = new Map<string, Set<Listener>>();
  readonly name: string;

  constructor(
    private readonly server: ServerLike,
    private readonly options: ClientOptions,
    private readonly env: ClientEnv,
  ) {
    this.name = options.name ?? `client ${++clients}`;
    Object.assign(this, commandMethods((args) => this.sendCommand(args)));
  }

  get isOpen(): boolean {
    return this.connection !== null;
  }
  get isReady(): boolean {
    return this.connection !== null;
  }

  async connect(): Promise<this> {
    if (this.connection) throw new Error("Socket already opened");
    const connection = this.server.connect();
    connection.onPush((frame) => this.dispatch(frame as string[]));
    this.connection = connection;
    return this;
  }

  /** Another client to the same server (node-redis: for a subscriber, which cannot run other commands). */
  duplicate(options: ClientOptions = {}): RedisClient & CommandMethods {
    return new RedisClient(this.server, { rttMs: this.options.rttMs, ...options }, this.env) as RedisClient & CommandMethods;
  }

  async sendCommand(args: (string | number)[]): Promise<Reply> {
    if (!this.connection) throw new Error("The client is closed");
    const argv = args.map(String);
    const start = this.env.now();
    try {
      const reply = (await this.connection.sendCommand(argv)) as Reply;
      this.report(argv, start);
      return reply;
    } catch (e) {
      this.report(argv, start, (e as Error).message);
      throw e;
    }
  }

  private report(argv: string[], start: number, error?: string): void {
    if (!this.env.trace) return;
    const latencyMs = (this.options.rttMs ?? 0.3) + (this.env.now() - start);
    this.env.trace({ t: start, source: "redis-client", kind: "roundtrip", client: this.name, command: argv[0].toUpperCase(), key: argv[1], latencyMs, ...(error ? { error } : {}) });
  }

  /** MULTI … EXEC: queue commands with the same methods, then `exec()` runs them together. */
  multi() {
    const queued: string[][] = [];
    const recorder = commandMethods(async (argv) => (queued.push(argv), null)) as unknown as Record<string, (...args: unknown[]) => unknown>;
    type Chain = { [K in keyof CommandMethods]: (...args: Parameters<CommandMethods[K]>) => Chain } & { exec(): Promise<Reply[]> };
    const chain = {} as Record<string, unknown>;
    for (const name of Object.keys(recorder)) {
      chain[name] = (...args: unknown[]) => {
        void recorder[name](...args);
        return chain;
      };
    }
    chain.exec = async () => {
      await this.sendCommand(["MULTI"]);
      for (const argv of queued) await this.sendCommand(argv);
      return (await this.sendCommand(["EXEC"])) as Reply[];
    };
    return chain as unknown as Chain;
  }

  async subscribe(channels: string | string[], listener: Listener): Promise<void> {
    const list = Array.isArray(channels) ? channels : [channels];
    for (const c of list) (this.listeners.get(c) ?? this.listeners.set(c, new Set()).get(c)!).add(listener);
    await this.sendCommand(["SUBSCRIBE", ...list]);
  }

  async unsubscribe(channels?: string | string[]): Promise<void> {
    const list = channels === undefined ? [] : Array.isArray(channels) ? channels : [channels];
    for (const c of list.length ? list : [...this.listeners.keys()]) this.listeners.delete(c);
    await this.sendCommand(["UNSUBSCRIBE", ...list]);
  }

  async pSubscribe(patterns: string | string[], listener: Listener): Promise<void> {
    const list = Array.isArray(patterns) ? patterns : [patterns];
    for (const p of list) (this.patternListeners.get(p) ?? this.patternListeners.set(p, new Set()).get(p)!).add(listener);
    await this.sendCommand(["PSUBSCRIBE", ...list]);
  }

  async pUnsubscribe(patterns?: string | string[]): Promise<void> {
    const list = patterns === undefined ? [] : Array.isArray(patterns) ? patterns : [patterns];
    for (const p of list.length ? list : [...this.patternListeners.keys()]) this.patternListeners.delete(p);
    await this.sendCommand(["PUNSUBSCRIBE", ...list]);
  }

  private dispatch(frame: string[]): void {
    if (frame[0] === "message") for (const l of this.listeners.get(frame[1]) ?? []) l(frame[2], frame[1]);
    else if (frame[0] === "pmessage") for (const l of this.patternListeners.get(frame[1]) ?? []) l(frame[3], frame[2]);
  }

  /** node-redis v5: close the connection (QUIT is deprecated there). */
  async close(): Promise<void> {
    this.connection?.close();
    this.connection = null;
  }
  quit(): Promise<void> {
    return this.close();
  }
  destroy(): void {
    void this.close();
  }
}

export type RedisClientType = RedisClient & CommandMethods;

export function createClientFor(server: ServerLike, env: ClientEnv) {
  return (options: ClientOptions = {}): RedisClientType => new RedisClient(server, options, env) as RedisClientType;
}
