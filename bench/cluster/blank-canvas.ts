// The viz bench's peer: a blank page with one canvas the size of the cluster picture, cleared
// every animation frame and counting frames as viz.tsx does (frames.ts). It is what this browser
// on this machine gives a page that does nothing: the ceiling for viz-ours.
import { countFrames } from "./frames";
import type { VizResult } from "./messages";
import { VIZ_WARMUP_MS, VIZ_WINDOW_MS } from "./viz-flow";

export function blankCanvasRun(): () => Promise<VizResult> {
  const canvas = document.createElement("canvas");
  canvas.width = 720;
  canvas.height = 420;
  document.getElementById("root")!.append(canvas);
  const ctx = canvas.getContext("2d")!;
  return async () => {
    const count = await countFrames(VIZ_WARMUP_MS, VIZ_WINDOW_MS, () => ctx.clearRect(0, 0, canvas.width, canvas.height));
    return { mode: "viz-peer", ...count, fps: (count.frames / count.windowMs) * 1000, messages: 0, events: 0 };
  };
}
