// The one playhead of a lesson page: which moment of the run every visualization shows. It follows
// the live edge (pinned: null) until the learner moves it; a new run follows again. Plain zustand,
// no React; the control (Playhead.tsx) and the visualizations render from it.
import { createStore, type StoreApi } from "zustand/vanilla";
import type { Moment } from "./timeline";

export const SPEEDS = [0.25, 0.5, 1, 2, 4] as const;
export type Speed = (typeof SPEEDS)[number];

export interface PlayheadState {
  /** The moment shown; null follows the run's live edge (and, once it ended, shows its end). */
  pinned: Moment | null;
  playing: boolean;
  speed: Speed;
}

export type PlayheadStore = StoreApi<PlayheadState>;

export function createPlayhead(): PlayheadStore {
  return createStore<PlayheadState>(() => ({ pinned: null, playing: false, speed: 1 }));
}

/** Shows `moment` (null: follow the live edge) and stops playing. */
export function seek(store: PlayheadStore, moment: Moment | null): void {
  store.setState({ pinned: moment, playing: false });
}

/** Back to following the live edge: what a new run does. */
export function follow(store: PlayheadStore): void {
  store.setState({ pinned: null, playing: false });
}

/**
 * How much run-clock time one millisecond of playing covers at 1×: real time, except that a run
 * shorter than PLAY_AT_LEAST_MS is stretched to last that long, so a 5 ms run can be watched.
 */
export const PLAY_AT_LEAST_MS = 4000;
export function runMsPerMs(end: number, speed: Speed): number {
  return (end < PLAY_AT_LEAST_MS ? end / PLAY_AT_LEAST_MS : 1) * speed;
}
