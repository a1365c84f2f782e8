// The page's Postgres as its status bar sees it: starting, seeding (with progress), ready or
// failed. The host (host.ts) keeps it in a zustand store (vanilla: no React here) that the page's
// status component (app/engines/PostgresStatus.tsx) renders.
import { createStore, type StoreApi } from "zustand/vanilla";
import type { DatasetName } from "./dataset-names.ts";

export interface PostgresState {
  phase: "idle" | "starting" | "seeding" | "ready" | "failed";
  label: string;
  /** 0..1 for the progress bar. */
  fraction: number;
  error: string | null;
  /** Starting again because the last worker got stuck in a statement. */
  restarting: boolean;
  /** The datasets seeded so far (once ready). */
  datasets: DatasetName[];
}

export function createPostgresState(): StoreApi<PostgresState> {
  return createStore<PostgresState>(() => ({ phase: "idle", label: "", fraction: 0, error: null, restarting: false, datasets: [] }));
}

/** What a Run started now would wait for, said so the learner knows (short: it fits the toolbar); null when it would not wait. */
export function runWaitsFor(state: Pick<PostgresState, "phase">): string | null {
  if (state.phase === "starting") return "Postgres and its data";
  if (state.phase === "seeding") return "the data to finish loading";
  return null;
}
