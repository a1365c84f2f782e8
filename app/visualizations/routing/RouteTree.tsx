// The radix tree of the app's routes, laid out left to right with d3's tree layout, with the
// selected lookup drawn on it: the nodes it tried (numbered in order), the ones it matched and
// then left again (backtracking), the ones that failed, and the path to the route it found.
import { hierarchy, tree, type HierarchyPointNode } from "d3";
import type { RoutingTableEvent } from "../../../workers/web/playground-routing";
import type { NodeSnapshot } from "../../../workers/web/router/describe";
import { paramLabels, type Walk } from "./model";

const ROW = 26;
const CHAR = 7;
const PAD_X = 8;
const GAP = 26;
const ROOT_W = 12;

interface Props {
  table: RoutingTableEvent;
  walk: Walk | undefined;
  label: string;
}

function nodeText(node: NodeSnapshot, params: Map<number, string>): string {
  if (node.kind === "root") return "";
  return params.get(node.id) ?? node.label;
}

function methodsAt(node: NodeSnapshot, table: RoutingTableEvent): string {
  return node.routes.map((i) => table.routes[i]?.methods.join(" ") || "any").join(" · ");
}

export function RouteTree({ table, walk, label }: Props) {
  const params = paramLabels(table.tree, table.routes);
  const root = tree<NodeSnapshot>().nodeSize([ROW, 1])(hierarchy(table.tree, (n) => n.children));
  const nodes = root.descendants();

  // Columns as wide as their widest pill (and its methods tag), so labels never overlap.
  const pillWidth = (n: NodeSnapshot) => (n.kind === "root" ? ROOT_W : nodeText(n, params).length * CHAR + 2 * PAD_X);
  const tagWidth = (n: NodeSnapshot) => (n.routes.length > 0 ? methodsAt(n, table).length * 6 + 8 : 0);
  const widths: number[] = [];
  for (const n of nodes) widths[n.depth] = Math.max(widths[n.depth] ?? 0, pillWidth(n.data) + tagWidth(n.data));
  const colX = [4];
  for (let d = 1; d < widths.length; d++) colX[d] = colX[d - 1] + widths[d - 1] + GAP;
  const top = Math.min(...nodes.map((n) => n.x)) - ROW / 2 - 6;
  const width = colX[colX.length - 1] + widths[widths.length - 1] + 8;
  const height = Math.max(...nodes.map((n) => n.x)) - top + ROW / 2 + 4;
  const y = (n: HierarchyPointNode<NodeSnapshot>) => n.x - top;

  const stateOf = (n: NodeSnapshot) => walk?.states.get(n.id) ?? "idle";

  return (
    <div className="routing-tree">
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
        {root.links().map((link) => {
          const x0 = colX[link.source.depth] + pillWidth(link.source.data);
          const x1 = colX[link.target.depth];
          const mid = (x0 + x1) / 2;
          return (
            <path
              key={`${link.source.data.id}-${link.target.data.id}`}
              className={`routing-tree__edge routing-tree__edge--${stateOf(link.target.data)}`}
              d={`M${x0},${y(link.source)} C${mid},${y(link.source)} ${mid},${y(link.target)} ${x1},${y(link.target)}`}
            />
          );
        })}
        {nodes.map((n) => {
          const data = n.data;
          const x = colX[n.depth];
          const w = pillWidth(data);
          const visits = walk?.visits.get(data.id);
          return (
            <g key={data.id} className={`routing-tree__node routing-tree__node--${stateOf(data)} routing-tree__node--${data.kind}`} transform={`translate(${x},${y(n)})`}>
              <title>{data.kind === "root" ? "the root" : `${data.kind} node "${data.label}"`}</title>
              {data.kind === "root" ? (
                <circle cx={ROOT_W / 2} r={5} />
              ) : (
                <>
                  <rect x={0} y={-9} width={w} height={18} rx={9} className={data.routes.length > 0 ? "routing-tree__pill routing-tree__pill--end" : "routing-tree__pill"} />
                  <text x={w / 2} y={4} textAnchor="middle" className="routing-tree__label">
                    {nodeText(data, params)}
                  </text>
                </>
              )}
              {data.routes.length > 0 && (
                <text x={w + 5} y={4} className="routing-tree__methods">
                  {methodsAt(data, table)}
                </text>
              )}
              {visits && (
                <text x={w} y={-12} textAnchor="end" className="routing-tree__visits">
                  {visits.join(",")}
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </div>
  );
}

/** The same tree as nested lists, for screen readers and for reading it as text. */
export function TreeAsList({ table }: { table: RoutingTableEvent }) {
  const params = paramLabels(table.tree, table.routes);
  const item = (n: NodeSnapshot) => (
    <li key={n.id}>
      <code>{n.kind === "root" ? "(root)" : nodeText(n, params)}</code>
      {n.routes.length > 0 && ` — ${n.routes.map((i) => `${table.routes[i]?.methods.join(" ") || "any"} ${table.routes[i]?.path}`).join("; ")}`}
      {n.children.length > 0 && <ul>{n.children.map(item)}</ul>}
    </li>
  );
  return <ul className="routing-tree__list">{item(table.tree)}</ul>;
}
