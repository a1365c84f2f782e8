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
  /**
   * A copy of the seeded data is being kept for the next visit (kept-copy.ts), a few seconds after
   * the first seeding: a reload meanwhile finds no copy and seeds again, and a Run waits for it.
   */
  keeping: boolean;
}

export function createPostgresState(): StoreApi<PostgresState> {
  return createStore<PostgresState>(() => ({ phase: "idle", label: "", fraction: 0, error: null, restarting: false, datasets: [], keeping: false }));
}

/** What a Run started now would wait for, said so the learner knows (short: it fits the toolbar); null when it would not wait. */
export function runWaitsFor(state: Pick<PostgresState, "phase" | "keeping">): string | null {
  if (state.phase === "starting") return "Postgres and its data";
  if (state.phase === "seeding") return "the data to finish loading";
  if (state.phase === "ready" && state.keeping) return "a copy of the database to be kept";
  return null;
}
