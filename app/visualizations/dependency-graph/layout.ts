// A layered layout of one request's dependency DAG: the endpoint on top, each dependency one
// layer below the deepest function that needs it (so every arrow points down), and each node
// placed under the mean of its parents, pushed apart where boxes would overlap.
import { max, mean, min } from "d3";
import type { DepEdge, DepNode, RequestView } from "./model";

export const NODE_H = 24;
export const LAYER_GAP = 42;
const GAP = 22;
const MARGIN = 10;
const MIN_W = 440;

export interface Placed {
  node: DepNode;
  layer: number;
  /** Centre x and top y. */
  x: number;
  y: number;
  w: number;
}

export interface Layout {
  nodes: Placed[];
  links: { edge: DepEdge; from: Placed; to: Placed }[];
  width: number;
  height: number;
}

function layersOf(nodes: DepNode[], edges: DepEdge[]): Map<number, number> {
  const layer = new Map<number, number>(nodes.map((n) => [n.id, n.id === 0 ? 0 : 1]));
  // Longest path from the endpoint; the bound on rounds keeps a cycle (never built by FastAPI)
  // from looping.
  for (let round = 0; round < nodes.length; round++) {
    let changed = false;
    for (const e of edges) {
      const next = (layer.get(e.from) ?? 0) + 1;
      if (e.to !== 0 && next > (layer.get(e.to) ?? 0)) {
        layer.set(e.to, next);
        changed = true;
      }
    }
    if (!changed) break;
  }
  return layer;
}

/** The step at which a node first appeared, to break ties in a stable, meaningful order. */
function firstSeen(view: RequestView): Map<number, number> {
  const seen = new Map<number, number>([[0, 0]]);
  for (const s of view.steps) if (!seen.has(s.id)) seen.set(s.id, s.order);
  return seen;
}

export function layoutGraph(view: RequestView, widthOf: (node: DepNode) => number): Layout {
  const layerOf = layersOf(view.nodes, view.edges);
  const seen = firstSeen(view);
  const depth = max(view.nodes, (n) => layerOf.get(n.id)) ?? 0;
  const placed = new Map<number, Placed>();
  const parents = (id: number) => view.edges.filter((e) => e.to === id).map((e) => placed.get(e.from)).filter((p): p is Placed => !!p);

  for (let layer = 0; layer <= depth; layer++) {
    const row = view.nodes
      .filter((n) => layerOf.get(n.id) === layer)
      .map((node) => ({ node, want: mean(parents(node.id), (p) => p.x) ?? 0, w: widthOf(node) }))
      .sort((a, b) => a.want - b.want || (seen.get(a.node.id) ?? 0) - (seen.get(b.node.id) ?? 0));
    const xs: number[] = [];
    row.forEach((r, i) => {
      xs.push(i === 0 ? r.want : Math.max(r.want, xs[i - 1] + (row[i - 1].w + r.w) / 2 + GAP));
    });
    // Pushing apart drifts right; shift back so the row stays centred under its parents.
    const shift = (mean(row, (r) => r.want) ?? 0) - (mean(xs) ?? 0);
    row.forEach((r, i) => placed.set(r.node.id, { node: r.node, layer, x: xs[i] + shift, y: layer * LAYER_GAP, w: r.w }));
  }

  const nodes = [...placed.values()];
  const left = min(nodes, (p) => p.x - p.w / 2) ?? 0;
  const right = max(nodes, (p) => p.x + p.w / 2) ?? 0;
  const width = Math.max(MIN_W, right - left + 2 * MARGIN);
  const dx = (width - (right - left)) / 2 - left;
  for (const p of nodes) {
    p.x += dx;
    p.y += MARGIN;
  }
  const links = view.edges
    .map((edge) => ({ edge, from: placed.get(edge.from), to: placed.get(edge.to) }))
    .filter((l): l is Layout["links"][number] => !!l.from && !!l.to);
  return { nodes, links, width, height: depth * LAYER_GAP + NODE_H + 2 * MARGIN };
}
