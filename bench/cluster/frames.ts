// How both viz modes count frames: a requestAnimationFrame loop from the page's start, `onFrame`
// called first in each frame (viz-ours advances the trace there), and the frames counted over a
// window that opens after a warm-up. Long tasks (≥ 50 ms) are watched too.

export interface FrameCount {
  frames: number;
  windowMs: number;
  longestFrameGapMs: number;
  longTasks: number;
  longestTaskMs: number;
}

export function countFrames(warmupMs: number, windowMs: number, onFrame: (now: number) => void = () => {}): Promise<FrameCount> {
  const longTasks: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries()));
  observer.observe({ type: "longtask" });
  return new Promise((resolve) => {
    const begin = performance.now();
    let opened = 0;
    let last = 0;
    let frames = 0;
    let longestFrameGapMs = 0;
    const frame = (now: number) => {
      onFrame(now);
      if (!opened) {
        if (now - begin >= warmupMs) {
          opened = now;
          last = now;
        }
      } else {
        frames++;
        longestFrameGapMs = Math.max(longestFrameGapMs, now - last);
        last = now;
        if (now - opened >= windowMs) {
          longTasks.push(...observer.takeRecords());
          observer.disconnect();
          const during = longTasks.filter((t) => t.startTime + t.duration > opened && t.startTime < now);
          resolve({ frames, windowMs: now - opened, longestFrameGapMs, longTasks: during.length, longestTaskMs: Math.max(0, ...during.map((t) => t.duration)) });
          return;
        }
      }
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}
