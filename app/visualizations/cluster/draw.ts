// Paints a Frame (flights.ts) on the canvas over the picture: one path per kind of hop, so
// thousands of dots cost a few fills. Each kind has its shape as well as its colour (a circle in,
// a square published, a diamond delivered, a triangle out), and a loss is an ✕, so nothing is
// told by colour alone. Colours are the theme's variables, read from the canvas element.
import type { Point } from "./layout";
import type { Frame } from "./flights";
import type { SegmentKind } from "./model";

export interface Palette {
  in: string;
  publish: string;
  delivery: string;
  out: string;
  lost: string;
  /** The pane's background: a halo that keeps shapes apart from the lines under them. */
  halo: string;
}

/** The theme's colours at `el`. */
export function paletteAt(el: Element): Palette {
  const css = getComputedStyle(el);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  const focus = v("--focus", "#b35900");
  return { in: v("--accent", "#1f5fbf"), publish: focus, delivery: focus, out: v("--ok", "#1d7a3a"), lost: v("--fail", "#b42318"), halo: v("--surface", "#ffffff") };
}

const R = 3.5;

/** Adds one shape to the current path: circle (in), square (publish), diamond (delivery), triangle (out). */
export function shape(ctx: CanvasPath, kind: SegmentKind, x: number, y: number, r = R): void {
  switch (kind) {
    case "in":
      ctx.moveTo(x + r, y);
      ctx.arc(x, y, r, 0, Math.PI * 2);
      break;
    case "publish":
      ctx.rect(x - r * 0.9, y - r * 0.9, r * 1.8, r * 1.8);
      break;
    case "delivery":
      ctx.moveTo(x, y - r * 1.25);
      ctx.lineTo(x + r * 1.25, y);
      ctx.lineTo(x, y + r * 1.25);
      ctx.lineTo(x - r * 1.25, y);
      ctx.closePath();
      break;
    case "out":
      ctx.moveTo(x, y - r * 1.2);
      ctx.lineTo(x + r * 1.2, y + r);
      ctx.lineTo(x - r * 1.2, y + r);
      ctx.closePath();
      break;
  }
}

function polyline(ctx: CanvasPath, path: readonly Point[]): void {
  path.forEach((p, i) => (i === 0 ? ctx.moveTo(p.x, p.y) : ctx.lineTo(p.x, p.y)));
}

const KINDS: readonly SegmentKind[] = ["in", "publish", "delivery", "out"];

export function drawFrame(ctx: CanvasRenderingContext2D, frame: Frame, palette: Palette): void {
  ctx.lineJoin = "round";
  ctx.lineCap = "round";
  // Reduced motion: each recent hop's whole path, ending in its shape; batched by kind and age.
  const batches = new Map<string, Frame["trails"]>();
  for (const t of frame.trails) {
    const key = `${t.kind} ${Math.ceil(t.alpha * 4) / 4}`;
    const batch = batches.get(key);
    if (batch) batch.push(t);
    else batches.set(key, [t]);
  }
  for (const [key, trails] of batches) {
    const kind = trails[0].kind;
    ctx.globalAlpha = Number(key.split(" ")[1]);
    ctx.strokeStyle = palette[kind];
    ctx.fillStyle = palette[kind];
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    for (const t of trails) polyline(ctx, t.path);
    ctx.stroke();
    ctx.beginPath();
    for (const t of trails) {
      const end = t.path[t.path.length - 1];
      shape(ctx, kind, end.x, end.y);
    }
    ctx.fill();
  }
  ctx.globalAlpha = 1;
  // Smaller shapes, without halos, when hundreds travel at once: a stream rather than a blot.
  const crowded = frame.dots.length > 300;
  const r = crowded ? Math.max(1.6, R * Math.sqrt(300 / frame.dots.length)) : R;
  // Crowded dots on the same wires overlap: each kind's shape is drawn once per spot of its own
  // size, which draws the same stream (dots touching along a busy wire) at a fraction of the cost.
  const cell = crowded ? Math.max(1.5, r * 2) : 0;
  for (const kind of KINDS) {
    const dots = frame.dots.filter((d) => d.kind === kind);
    if (dots.length === 0) continue;
    const drawn = new Set<number>();
    ctx.beginPath();
    for (const d of dots) {
      if (crowded) {
        const spot = Math.round(d.x / cell) * 65536 + Math.round(d.y / cell);
        if (drawn.has(spot)) continue;
        drawn.add(spot);
      }
      shape(ctx, kind, d.x, d.y, r);
    }
    if (!crowded) {
      ctx.strokeStyle = palette.halo;
      ctx.lineWidth = 1.5;
      ctx.stroke();
    }
    ctx.fillStyle = palette[kind];
    ctx.fill();
  }
  for (const c of frame.crosses) {
    ctx.globalAlpha = c.alpha;
    const r = c.kind === "down" ? 6 : 4.5;
    ctx.beginPath();
    ctx.moveTo(c.x - r, c.y - r);
    ctx.lineTo(c.x + r, c.y + r);
    ctx.moveTo(c.x + r, c.y - r);
    ctx.lineTo(c.x - r, c.y + r);
    ctx.strokeStyle = palette.halo;
    ctx.lineWidth = 4.5;
    ctx.stroke();
    ctx.strokeStyle = palette.lost;
    ctx.lineWidth = 2.2;
    ctx.stroke();
  }
  ctx.globalAlpha = 1;
}
