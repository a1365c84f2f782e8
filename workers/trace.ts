// Trace events: the small typed records every engine emits about what it does. The UI renders
// visualizations from these alone, never from an engine's internals (docs/architecture.md, "The
// trace").

import type { WebAppTrace } from "./web/app/trace.ts";

interface TraceBase {
  /** Milliseconds since the run started, on the clock the engine was given. */
  t: number;
  source: string;
}

/** The sandbox's own account of a run: what happened to the learner's code, step by step. */
export type SandboxTrace =
  | (TraceBase & { source: "sandbox"; kind: "transpile"; durationMs: number; ok: boolean })
  | (TraceBase & { source: "sandbox"; kind: "module"; durationMs: number; ok: boolean })
  | (TraceBase & { source: "sandbox"; kind: "check"; name: string; durationMs: number; passed: boolean });

export type TraceEvent =
  | SandboxTrace
  | WebAppTrace
  | import("./web/playground-routing.ts").RoutingTrace
  | import("./redis/trace.ts").RedisTrace
  | import("./redis/client/client.ts").RedisClientTrace
  | import("./postgres/trace.ts").PostgresTrace
  | import("./search/trace.ts").SearchTrace
  | import("./pool/trace.ts").PoolTrace
  | import("./pool/pgbouncer-trace.ts").PgBouncerTrace
  | import("./cluster/trace.ts").ClusterTrace
  | import("./validation/trace.ts").ValidationTrace
  | import("./serialization/trace.ts").SerializationTrace
  | import("./dns/trace.ts").DnsTrace
  | import("./tasks/trace.ts").TasksTrace
  | import("./tasks/queue/trace.ts").QueueTrace;
