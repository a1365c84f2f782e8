// The SVG drawing of one request's dependencies: boxes in layers, "needs" arrows (dashed where
// the value came from the request cache), the call order in a blue badge on the left, the
// teardown order in a badge on the right coloured by outcome, and the box that raised outlined.
// One line per box, so a five-deep chain fits the pane.
import { linkVertical } from "d3";
import type { DepNode, RequestView } from "./model";
import { layoutGraph, NODE_H, type Placed } from "./layout";
import { teardownClass, teardownOutcome } from "./labels";

const link = linkVertical<{ source: [number, number]; target: [number, number] }, [number, number]>();
const NAME_PX = 6.9; // per character, 11.5 px monospace
const META_PX = 5.4; // per character, 10 px sans
const MAX_NAME = 22;

/** "HTTPException:403" reads as "403" in a box; the table keeps the full label. */
function shortError(label: string): string {
  return label.startsWith("HTTPException:") ? label.slice("HTTPException:".length) : label;
}

function metaOf(node: DepNode, view: RequestView): string {
  if (node.raised) return `raised ${shortError(node.raised)}`;
  if (node.id === 0) return view.endpoint?.ran ? "endpoint" : "not reached";
  const parts = [node.generator ? (node.scope === "function" ? "yield, function scope" : "yield") : "", node.calls.length > 1 ? `ran ×${node.calls.length}` : ""];
  return parts.filter(Boolean).join(", ");
}

function nameOf(node: DepNode): string {
  return node.name.length > MAX_NAME ? `${node.name.slice(0, MAX_NAME - 1)}…` : node.name;
}

function widthOf(node: DepNode, view: RequestView): number {
  const meta = metaOf(node, view);
  return nameOf(node).length * NAME_PX + (meta ? (meta.length + 1) * META_PX : 0) + 36;
}

function cacheSteps(view: RequestView, from: number, to: number): number[] {
  return view.steps.filter((s) => s.how === "cached" && s.parentId === from && s.id === to).map((s) => s.order);
}

/** A cache hit's step number, hollow, halfway along the dashed arrow (the curve's midpoint). */
function CacheBadge({ x, y, steps }: { x: number; y: number; steps: number[] }) {
  const label = steps.join(",");
  const w = Math.max(17, label.length * 6.5 + 7);
  return (
    <g className="dependency-graph__hit" transform={`translate(${x},${y})`}>
      <title>{`cache hit at step ${steps.join(" and ")}`}</title>
      <rect x={-w / 2} y={-8.5} width={w} height={17} rx={8.5} />
      <text y={3.8} textAnchor="middle">{label}</text>
    </g>
  );
}

function OrderBadge({ calls }: { calls: number[] }) {
  const label = calls.join(",");
  const w = Math.max(17, label.length * 6.5 + 7);
  return (
    <g className="dependency-graph__order">
      <rect x={-w / 2} y={NODE_H / 2 - 8.5} width={w} height={17} rx={8.5} />
      <text y={NODE_H / 2 + 3.8} textAnchor="middle">{label}</text>
    </g>
  );
}

function TeardownBadge({ node, at }: { node: DepNode; at: number }) {
  const t = node.teardown!;
  return (
    <g className={`dependency-graph__teardown dependency-graph__teardown--${teardownClass(t)}`} transform={`translate(${at},0)`}>
      <rect x={-15} y={NODE_H / 2 - 8.5} width={30} height={17} rx={8.5} />
      <text y={NODE_H / 2 + 3.8} textAnchor="middle">↩{t.order}</text>
    </g>
  );
}

function Node({ p, view }: { p: Placed; view: RequestView }) {
  const { node } = p;
  const unreached = node.id === 0 && !view.endpoint?.ran;
  const cls = [
    "dependency-graph__node",
    node.id === 0 ? "dependency-graph__node--endpoint" : "",
    node.raised ? "dependency-graph__node--raised" : "",
    unreached ? "dependency-graph__node--unreached" : "",
  ].join(" ");
  const meta = metaOf(node, view);
  const tip = [
    node.name,
    node.calls.length > 0 ? `called at step ${node.calls.join(" and ")}` : "",
    node.cacheHits > 0 ? `${node.cacheHits} cache hit${node.cacheHits > 1 ? "s" : ""}` : "",
    node.raised ? `raised ${node.raised}` : "",
    node.teardown ? `torn down ${node.teardown.order}. (${teardownOutcome(node.teardown)})` : "",
  ];
  return (
    <g className={cls} transform={`translate(${p.x - p.w / 2},${p.y})`} style={{ animationDelay: `${(node.calls[0] ?? 0) * 70}ms` }}>
      <title>{tip.filter(Boolean).join("; ")}</title>
      <rect width={p.w} height={NODE_H} rx={5} />
      <text x={p.w / 2} y={NODE_H / 2 + 4} textAnchor="middle">
        <tspan className="dependency-graph__name">{nameOf(node)}</tspan>
        {meta && <tspan className="dependency-graph__meta"> {meta}</tspan>}
      </text>
      {node.calls.length > 0 && <OrderBadge calls={node.calls} />}
      {node.teardown && <TeardownBadge node={node} at={p.w} />}
    </g>
  );
}

export function Graph({ view, labelledBy }: { view: RequestView; labelledBy: string }) {
  const layout = layoutGraph(view, (node) => widthOf(node, view));
  return (
    <svg
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      role="img"
      aria-labelledby={labelledBy}
      className="dependency-graph__svg"
      style={{ maxWidth: layout.width }}
    >
      <defs>
        <marker id="dependency-graph-arrow" viewBox="0 0 8 8" refX={7} refY={4} markerWidth={6} markerHeight={6} orient="auto">
          <path d="M0,0 L8,4 L0,8 z" className="dependency-graph__arrowhead" />
        </marker>
      </defs>
      {layout.links.map(({ edge, from, to }) => (
        <path
          key={`${edge.from}>${edge.to}`}
          d={link({ source: [from.x, from.y + NODE_H], target: [to.x, to.y - 1] }) ?? ""}
          className={`dependency-graph__edge${edge.called === 0 ? " dependency-graph__edge--cached" : ""}`}
          markerEnd="url(#dependency-graph-arrow)"
        >
          <title>{`${from.node.name} needs ${to.node.name}${edge.cached > 0 ? ` (from the cache${edge.called > 0 ? ` ${edge.cached}×, called ${edge.called}×` : ""})` : ""}`}</title>
        </path>
      ))}
      {layout.links
        .filter(({ edge }) => edge.cached > 0)
        .map(({ edge, from, to }) => (
          <CacheBadge key={`hit ${edge.from}>${edge.to}`} x={(from.x + to.x) / 2} y={(from.y + NODE_H + to.y) / 2} steps={cacheSteps(view, edge.from, edge.to)} />
        ))}
      {layout.nodes.map((p) => (
        <Node key={p.node.id} p={p} view={view} />
      ))}
    </svg>
  );
}
