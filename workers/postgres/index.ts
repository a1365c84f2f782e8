// playground/postgres's engine side (docs/architecture.md, "Contracts"): scanSummary for Node tests
// and the UI, and the engine for the worker and tests.
export { scanSummary, type ScanSummary, type PlanNode } from "./scan-summary.ts";
export {
  PostgresEngine,
  DEFAULT_STATEMENT_TIMEOUT_MS,
  type EngineOptions,
  type EngineDatabase,
  type EngineStatus,
  type Outcome,
  type Field,
  type QueryResult,
  type RunOptions,
  type RunReport,
  type SeedOptions,
  type SeedProgress,
} from "./engine.ts";
export { DATASETS, DEFAULT_ROWS, type DatasetName } from "./datasets.ts";
export { PostgresError, type PostgresErrorFields } from "./errors.ts";
export type { PostgresTrace, PostgresQueryTrace } from "./trace.ts";
