// Durations as the caching visualization prints them, in styles of app/format/duration.ts.
import { DURATION, formatDuration as format } from "../../format/duration";

/** As a person reads them: 0.3 ms, 412 ms, 2.4 s, 4 min 58 s, 1 h 0 min 4 s. */
export const formatDuration = (ms: number): string => format(ms, DURATION.span);

/** A latency percentile: 0.25 ms, 2.50 ms, 25 ms; a dash when there is none. */
export const formatLatency = (ms: number | null): string => (ms === null ? "—" : format(ms, DURATION.latency));

/** An axis tick on the run clock, in seconds: 0, 0.25 s, 1.5 s, 2 s. */
export const formatTick = (ms: number): string => (ms === 0 ? "0" : format(ms, DURATION.tick));
