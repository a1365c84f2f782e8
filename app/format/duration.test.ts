import { describe, expect, it } from "vitest";
import { DURATION, formatDuration, type DurationStyle } from "./duration";
import { formatDuration as cachingDuration, formatLatency, formatTick } from "../visualizations/caching/format";
import { millis, ms as paginationMs } from "../visualizations/pagination/format";
import { formatMs as timelineMs } from "../visualizations/run-timeline/steps";
import { formatMs as searchMs } from "../visualizations/search/format";

const each = (style: DurationStyle, cases: [ms: number, text: string][]) => {
  for (const [ms, text] of cases) expect(formatDuration(ms, style), `${ms} ms`).toBe(text);
};

describe("formatDuration", () => {
  it("loop: one decimal in milliseconds, two in seconds, zeros dropped", () => {
    each(DURATION.loop, [
      [0, "0 ms"],
      [10, "10 ms"],
      [915.8, "915.8 ms"],
      [999.94, "999.9 ms"],
      [1000, "1 s"],
      [1250, "1.25 s"],
      [70_450, "70.45 s"],
    ]);
  });

  it("step: milliseconds only, two decimals below 1 ms, one below 10 ms, then whole", () => {
    each(DURATION.step, [
      [0, "0.00 ms"],
      [0.25, "0.25 ms"],
      [0.999, "1.00 ms"],
      [1, "1.0 ms"],
      [2.54, "2.5 ms"],
      [9.96, "10.0 ms"],
      [10, "10 ms"],
      [250.4, "250 ms"],
      [12345.6, "12346 ms"],
    ]);
  });

  it("statement: one decimal below 10 ms, whole to a second; seconds with one decimal below 10 s, then whole", () => {
    each(DURATION.statement, [
      [0, "0.0 ms"],
      [0.46, "0.5 ms"],
      [9.94, "9.9 ms"],
      [10, "10 ms"],
      [999.4, "999 ms"],
      [999.6, "1000 ms"],
      [1000, "1.0 s"],
      [2540, "2.5 s"],
      [9999, "10.0 s"],
      [10_000, "10 s"],
      [125_400, "125 s"],
    ]);
  });

  it("query: about three significant digits in milliseconds, thousands grouped", () => {
    each(DURATION.query, [
      [0.25, "0.25 ms"],
      [2.5, "2.50 ms"],
      [25, "25.0 ms"],
      [99.94, "99.9 ms"],
      [100, "100 ms"],
      [1250.4, "1,250 ms"],
      [1_234_567, "1,234,567 ms"],
    ]);
    expect(formatDuration(1250.4, { ...DURATION.query, bare: true })).toBe("1,250");
  });

  it("span: one decimal below 1 ms, whole to a second, seconds with one decimal to a minute, then a clock", () => {
    each(DURATION.span, [
      // e2e/caching.spec.ts: "run 0.0 ms · lesson clock 0.0 ms" before anything ran.
      [0, "0.0 ms"],
      [0.3, "0.3 ms"],
      [412.4, "412 ms"],
      [999.6, "1000 ms"],
      [1000, "1.0 s"],
      [2400, "2.4 s"],
      [59_999, "60.0 s"],
      [60_000, "1 min 0 s"],
      // e2e/caching.spec.ts: a TTL of five minutes read a few seconds later, /^4 min 5\d s$/.
      [298_999, "4 min 58 s"],
      [3_599_999, "59 min 59 s"],
      // e2e/caching.spec.ts: "the lesson clock skipped 1 h 0 min".
      [3_604_000, "1 h 0 min 4 s"],
      [90_061_000, "25 h 1 min 1 s"],
    ]);
  });

  it("latency: two decimals below 10 ms, then whole", () => {
    each(DURATION.latency, [
      [0.25, "0.25 ms"],
      [2.5, "2.50 ms"],
      [9.994, "9.99 ms"],
      [10, "10 ms"],
      [25.5, "26 ms"],
      [1500, "1500 ms"],
    ]);
  });

  it("tick: seconds only, up to two decimals with trailing zeros dropped", () => {
    each(DURATION.tick, [
      [250, "0.25 s"],
      [1500, "1.5 s"],
      [2000, "2 s"],
      [2004, "2 s"],
      [12_345, "12.35 s"],
    ]);
  });

  it("limit: seconds only, whole seconds bare, others with one decimal", () => {
    each(DURATION.limit, [
      // e2e/shell.spec.ts: "Stopped after 5 s", "… this lesson's limit of 5 s".
      [5000, "5 s"],
      [20_000, "20 s"],
      [2500, "2.5 s"],
      [1040, "1.0 s"],
      [250, "0.3 s"],
    ]);
  });
});

describe("the visualizations' names for it", () => {
  it("print as they did", () => {
    expect(timelineMs(0.25)).toBe("0.25 ms");
    expect(timelineMs(2500)).toBe("2500 ms");
    expect(searchMs(2500)).toBe("2.5 s");
    expect(paginationMs(1250)).toBe("1,250 ms");
    expect(millis(2.5)).toBe("2.50");
    expect(cachingDuration(298_000)).toBe("4 min 58 s");
    expect(formatLatency(null)).toBe("—");
    expect(formatLatency(2.5)).toBe("2.50 ms");
    expect(formatTick(0)).toBe("0");
    expect(formatTick(1500)).toBe("1.5 s");
  });
});
