// The moving part of the picture: a canvas over the SVG, drawn from the playhead's time alone
// (flights.ts says what is where then; draw.ts paints it). A change of the view asks for one draw
// on the next animation frame, so several changes in a frame make one draw; nothing here moves
// time on. Drawn at the device's pixel ratio for crisp shapes, at the SVG's CSS size.
import { useEffect, useRef, useState } from "react";
import { drawFrame, paletteAt } from "./draw";
import { frameAt } from "./flights";
import type { ClusterLayout } from "./layout";
import type { Mark, Segment } from "./model";
import { useReducedMotion } from "./use-reduced-motion";

/** A number that changes when the page's theme does, so the canvas repaints in its colours. */
function useThemeChanges(): number {
  const [changes, setChanges] = useState(0);
  useEffect(() => {
    const observer = new MutationObserver(() => setChanges((n) => n + 1));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme", "class", "style"] });
    return () => observer.disconnect();
  }, []);
  return changes;
}

export function FlightCanvas({ segments, marks, layout, time, hop }: { segments: readonly Segment[]; marks: readonly Mark[]; layout: ClusterLayout; time: number; hop: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const reduced = useReducedMotion();
  const theme = useThemeChanges();
  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const frame = requestAnimationFrame(() => {
      const ratio = window.devicePixelRatio || 1;
      const w = Math.round(layout.width * ratio);
      const h = Math.round(layout.height * ratio);
      if (el.width !== w) el.width = w;
      if (el.height !== h) el.height = h;
      const ctx = el.getContext("2d");
      if (!ctx) return;
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.clearRect(0, 0, layout.width, layout.height);
      drawFrame(ctx, frameAt(segments, marks, layout, time, hop, reduced), paletteAt(el));
    });
    return () => cancelAnimationFrame(frame);
  }, [segments, marks, layout, time, hop, reduced, theme]);
  return <canvas ref={canvas} className="cluster-canvas" style={{ width: layout.width, height: layout.height }} aria-hidden="true" data-reduced-motion={reduced || undefined} />;
}
