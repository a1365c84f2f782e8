// One worker of a cluster (a Uvicorn worker under Gunicorn): it imports the learner's module afresh
// with its own `playground/*` modules, serves the export's `asgiWebSocket` to every connection the
// coordinator opens on it, and pings its connections when a heartbeat is set. Plain TypeScript:
// it is handed a way to post, a clock and an evaluator, so the same class runs in one thread
// (one-thread.ts) or inside a Web Worker.
import type { AsgiWebSocketApp } from "../web/app/asgi.ts";
import { formatArgs } from "../sandbox/console-capture.ts";
import { locateError } from "../sandbox/evaluate.ts";
import { NodeBroker } from "./node-broker.ts";
import { NodeJobs } from "./node-jobs.ts";
import { nodeModules } from "./node-modules.ts";
import type { FromNode, NodeConfig, ToNode } from "./protocol.ts";
import { serveWebSocket, webSocketScope, type WebSocketConnection, type WebSocketPeer } from "../web/websocket/server.ts";
import { ClientDisconnected } from "../web/websocket/errors.ts";
import type { Clock, Evaluate } from "./transport.ts";

/** Where learner code's stack frames point (the sandbox's name for it, so positions read alike). */
export const LEARNER_FILE = "learner.ts";

export interface NodeEnv {
  post(message: FromNode): void;
  clock: Clock;
  evaluate: Evaluate;
}

interface Conn {
  served: WebSocketConnection;
  accepted: boolean;
}

/** What was thrown, as text: learner code may throw anything, and reading it must not throw. */
export function errorText(error: unknown): string {
  try {
    if (error instanceof Error) return `${String(error.name) || "Error"}: ${String(error.message)}`;
    return `a non-Error value was thrown: ${String(error)}`;
  } catch {
    return "a value was thrown that cannot be turned into text";
  }
}

export class ClusterNode {
  private config: NodeConfig | null = null;
  private app: AsgiWebSocketApp | null = null;
  private readonly conns = new Map<number, Conn>();
  private readonly broker: NodeBroker;
  /** The connections each unanswered ping round is still waiting on. */
  private rounds: Set<number>[] = [];
  /** Set when the worker was started to run jobs (measureWorkers) instead of serving. */
  private jobs: NodeJobs | null = null;

  constructor(private readonly env: NodeEnv) {
    this.broker = new NodeBroker((message) => env.post(message));
  }

  handle(message: ToNode): void {
    switch (message.type) {
      case "load":
        void this.load(message.code, message.config);
        break;
      case "open":
        this.open(message.conn, message.path, message.query, message.headers);
        break;
      case "frame":
        this.conns.get(message.conn)?.served.send(message.bytes ? { bytes: message.bytes } : { text: message.text ?? "" });
        break;
      case "close":
        this.conns.get(message.conn)?.served.close(message.code, message.reason);
        this.conns.delete(message.conn);
        break;
      case "pong":
        for (const conn of message.conns) for (const round of this.rounds) round.delete(conn);
        break;
      case "broker-reply":
      case "broker-push":
        this.broker.handle(message);
        break;
      case "load-jobs":
        if (this.config || this.jobs) return;
        this.jobs = new NodeJobs({
          ...this.env,
          modules: (worker) => nodeModules({ worker, clock: this.env.clock, broker: this.broker }),
          errorText,
          console: this.console(),
        });
        void this.jobs.load(message.code, message.worker);
        break;
      case "job":
        void this.jobs?.run(message.id, message.exportName, message.args);
        break;
    }
  }

  private async load(code: string, config: NodeConfig): Promise<void> {
    if (this.config || this.jobs) return;
    this.config = config;
    const modules = nodeModules({ worker: config.worker, clock: this.env.clock, broker: this.broker });
    let exports: Record<string, unknown>;
    try {
      exports = await this.env.evaluate(code, modules, this.console());
    } catch (error) {
      const at = safeLocate(error);
      this.env.post({ type: "load-failed", message: errorText(error), ...(at ?? {}) });
      return;
    }
    const name = config.exportName;
    const app = Object.hasOwn(exports, name) ? exports[name] : undefined;
    if (app === undefined || app === null) {
      this.env.post({ type: "load-failed", message: `The module has no export named '${name}'` });
      return;
    }
    const asgi = (app as { asgiWebSocket?: unknown }).asgiWebSocket;
    if (typeof asgi !== "function") {
      this.env.post({ type: "load-failed", message: `The export '${name}' cannot serve WebSockets: it has no asgiWebSocket function (a FastAPI app from playground/web has one)` });
      return;
    }
    // uvicorn's lifespan startup, before the worker takes connections.
    const startup = (app as { startup?: unknown }).startup;
    if (typeof startup === "function") {
      try {
        await (startup as () => Promise<void>).call(app);
      } catch (error) {
        const at = safeLocate(error);
        this.env.post({ type: "load-failed", message: `Application startup failed: ${errorText(error)}`, ...(at ?? {}) });
        return;
      }
    }
    this.app = asgi.bind(app) as AsgiWebSocketApp;
    this.env.post({ type: "loaded" });
    if (config.pingIntervalMs !== null) this.heartbeat(config.pingIntervalMs, config.pingTimeoutMs);
  }

  private open(conn: number, path: string, query: string, headers: [string, string][]): void {
    if (!this.app || this.conns.has(conn)) return;
    const scope = webSocketScope({ path, query, headers, client: ["127.0.0.1", 40000 + (conn % 20000)], server: ["127.0.0.1", 8000] });
    const entry = { accepted: false } as Conn;
    entry.served = serveWebSocket(this.app, scope, this.peer(conn, entry));
    this.conns.set(conn, entry);
    // What uvicorn logs: an error that escaped the app ("Exception in ASGI application").
    void entry.served.done.then(({ problem }) => {
      if (problem && !(problem.error instanceof ClientDisconnected)) {
        this.env.post({ type: "console", level: "error", text: `${problem.message}\n${formatArgs([problem.error])}` });
      }
    });
  }

  /** The server's side of the wire (the web engine's serveWebSocket): each thing the app does, posted to the coordinator. */
  private peer(conn: number, entry: Conn): WebSocketPeer {
    const post = this.env.post;
    return {
      accept: () => {
        entry.accepted = true;
        post({ type: "accept", conn });
      },
      frame: (frame) => post({ type: "frame", conn, ...(frame.bytes ? { bytes: frame.bytes } : { text: frame.text }) }),
      close: ({ code, reason }) => {
        this.conns.delete(conn);
        post({ type: "close", conn, code, reason });
      },
      refuse: (refusal) => {
        this.conns.delete(conn);
        post({ type: "close", conn, code: 1006, reason: "", ...(refusal.status === 500 ? { status: 500 as const } : {}) });
      },
    };
  }

  /** uvicorn's keepalive, for the whole worker at once: a ping round, and a deadline for its pongs. */
  private heartbeat(intervalMs: number, timeoutMs: number): void {
    const { clock, post } = this.env;
    const tick = () => {
      const conns: number[] = [];
      for (const [conn, entry] of this.conns) if (entry.accepted && entry.served.state === "open") conns.push(conn);
      if (conns.length > 0) {
        const round = new Set(conns);
        this.rounds.push(round);
        post({ type: "ping", conns });
        clock.setTimeout(() => {
          this.rounds = this.rounds.filter((r) => r !== round);
          for (const conn of round) this.drop(conn);
        }, timeoutMs);
      }
      clock.setTimeout(tick, intervalMs);
    };
    clock.setTimeout(tick, intervalMs);
  }

  private drop(conn: number): void {
    const entry = this.conns.get(conn);
    if (!entry || entry.served.state !== "open") return;
    this.conns.delete(conn);
    entry.served.drop();
    this.env.post({ type: "dropped", conn, why: "ping timeout" });
  }

  private console(): Console {
    const post = this.env.post;
    const line =
      (level: "log" | "info" | "warn" | "error") =>
      (...args: unknown[]) =>
        post({ type: "console", level, text: formatArgs(args) });
    return { log: line("log"), info: line("info"), warn: line("warn"), error: line("error"), debug: line("log") } as unknown as Console;
  }
}

function safeLocate(error: unknown): { line: number; column: number } | null {
  try {
    return locateError(error, LEARNER_FILE);
  } catch {
    return null;
  }
}
