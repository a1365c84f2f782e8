// The still part of the picture, in SVG at the pane's pixel width: the clients (each one with its
// number and, once its connection ends, the code it saw; or one block per worker with counts),
// the load balancer every connection crosses, each client's wire to its worker, the workers with
// their counters (a killed one crossed out), and the broker. The moving frames are drawn over it
// on a canvas (FlightCanvas).
import type { ReactNode } from "react";
import { blockWireOf, PILL, wireOf, type Box, type ClusterLayout, type Point } from "./layout";
import type { ClientNow, ClusterNow, Mark, WorkerNow } from "./model";
import { FlightCanvas } from "./FlightCanvas";

/** The few characters beside a client's pill once its connection is no longer plain open. */
export function clientTag(c: ClientNow): string {
  switch (c.status) {
    case "connecting":
      return "…";
    case "closed":
    case "lost":
    case "rejected":
      return String(c.code ?? "");
    case "vanished":
      return "gone";
    default:
      return "";
  }
}

const LINE = 12;

function Lines({ x, y, lines, className }: { x: number; y: number; lines: ReactNode[]; className?: string }) {
  return (
    <>
      {lines.map((line, i) => (
        <text key={i} x={x} y={y + i * LINE} className={i === 0 ? `cluster-svg__title ${className ?? ""}` : `cluster-svg__count ${className ?? ""}`}>
          {line}
        </text>
      ))}
    </>
  );
}

function Worker({ box, w, compact }: { box: Box; w: WorkerNow; compact: boolean }) {
  // Killed or crashed is an accident, crossed out; stopped (the cluster shut down) is the calm end of a run.
  const down = w.status === "killed" || w.status === "crashed";
  const state = w.status === "up" ? "" : w.status;
  const lines = compact ? [`w${w.worker} · ${w.connections} conn`, `in ${w.framesIn} · out ${w.framesOut}`] : [`worker ${w.worker}`, `${w.connections} connection${w.connections === 1 ? "" : "s"}`, `in ${w.framesIn} · out ${w.framesOut}`];
  return (
    <g className={`cluster-svg__worker cluster-svg__worker--${w.status}`}>
      <rect x={box.x} y={box.y} width={box.w} height={box.h} rx={5} />
      {down && (
        <path className="cluster-svg__crossed" d={`M${box.x + 3},${box.y + 3}L${box.x + box.w - 3},${box.y + box.h - 3}M${box.x + box.w - 3},${box.y + 3}L${box.x + 3},${box.y + box.h - 3}`} />
      )}
      <Lines x={box.x + 6} y={box.y + 13} lines={lines} />
      {state && (
        <text x={box.x + box.w - 5} y={box.y + 13} textAnchor="end" className={`cluster-svg__state${down ? " cluster-svg__state--down" : ""}`}>
          {down ? `✕ ${state}` : state === "stopped" ? "■ stopped" : state}
        </text>
      )}
    </g>
  );
}

function Pill({ box, c }: { box: Box; c: ClientNow }) {
  const tag = clientTag(c);
  return (
    <g className={`cluster-svg__client cluster-svg__client--${c.status.replace(" ", "-")}`}>
      <rect x={box.x} y={box.y} width={PILL.w} height={PILL.h} rx={6} />
      <text x={box.x + PILL.w / 2} y={box.y + PILL.h / 2} dy="0.34em" textAnchor="middle">
        {c.client}
      </text>
      {tag && (
        <text className="cluster-svg__tag" x={box.x + PILL.w + 3} y={box.y + PILL.h / 2} dy="0.34em">
          {tag}
        </text>
      )}
    </g>
  );
}

function Block({ box, clients }: { box: Box; clients: ClientNow[] }) {
  const count = (...s: ClientNow["status"][]) => clients.filter((c) => s.includes(c.status)).length;
  const ended = count("closed", "lost", "rejected");
  const gone = count("vanished");
  const lines = [`${clients.length} clients`, `${count("open")} open`, `${ended} ended${gone ? ` · ${gone} gone` : ""}`];
  return (
    <g className="cluster-svg__block">
      <rect x={box.x} y={box.y} width={box.w} height={box.h} rx={5} />
      <Lines x={box.x + 5} y={box.y + 13} lines={lines} />
    </g>
  );
}

function Broker({ box, now }: { box: Box; now: ClusterNow }) {
  const b = now.broker;
  const used = now.info.usesBroker;
  const lines = used ? ["Redis", `${b.publishes} published`, `${b.deliveries} delivered`, ...(b.zeroReceivers ? [`✕ ${b.zeroReceivers} to no one`] : [])] : ["Redis", "not used"];
  return (
    <g className={`cluster-svg__broker${used ? "" : " cluster-svg__broker--unused"}`}>
      <rect x={box.x} y={box.y} width={box.w} height={box.h} rx={5} />
      <Lines x={box.x + 6} y={box.y + 14} lines={lines} />
    </g>
  );
}

const points = (path: Point[]) => path.map((p) => `${p.x},${p.y}`).join(" ");

/** Each connected client's wire; with many clients, one per block and worker it reaches. */
function Wires({ now, layout, placed }: { now: ClusterNow; layout: ClusterLayout; placed: ReadonlyMap<number, number> }) {
  const wired = now.clients.filter((c) => c.status === "open" || c.status === "vanished" || c.status === "connecting");
  if (layout.mode === "each") {
    return wired.map((c) => <polyline key={c.client} className={`cluster-svg__wire cluster-svg__wire--${c.status}`} points={points(wireOf(layout, c.client, c.worker))} />);
  }
  const pairs = new Set(wired.map((c) => `${placed.get(c.client) ?? c.worker} ${c.worker}`));
  return [...pairs].map((pair) => {
    const [block, worker] = pair.split(" ").map(Number);
    return <polyline key={pair} className="cluster-svg__wire" points={points(blockWireOf(layout, block, worker))} />;
  });
}

export function ClusterPicture({ now, layout, marks, time, label }: { now: ClusterNow; layout: ClusterLayout; marks: readonly Mark[]; time: number; label: string }) {
  const { lb, broker } = layout;
  // A block holds the clients placed in its row (by the worker each was first sent to).
  const placed = new Map(now.info.clients.map((c) => [c.client, c.worker]));
  const inBlock = new Map<number, ClientNow[]>();
  for (const c of now.clients) {
    const w = placed.get(c.client) ?? c.worker;
    (inBlock.get(w) ?? inBlock.set(w, []).get(w)!).push(c);
  }
  return (
    <div className="cluster-picture" style={{ width: layout.width, height: layout.height }}>
      <svg className="cluster-svg" width={layout.width} height={layout.height} viewBox={`0 0 ${layout.width} ${layout.height}`} role="img" aria-label={label}>
        <text className="cluster-svg__heading" x={4} y={12}>
          clients
        </text>
        <text className="cluster-svg__heading" x={layout.workers[0]?.x ?? 0} y={12}>
          workers
        </text>
        <text className="cluster-svg__heading" x={broker.x} y={12}>
          broker
        </text>
        {now.info.usesBroker &&
          layout.workers.map((box, i) => (
            <line key={i} className="cluster-svg__bus" x1={box.x + box.w} x2={broker.x} y1={box.y + box.h / 2} y2={box.y + box.h / 2} />
          ))}
        <Wires now={now} layout={layout} placed={placed} />
        <g className="cluster-svg__lb">
          <rect x={lb.x} y={lb.y} width={lb.w} height={lb.h} rx={4} />
          <text transform={`translate(${lb.x + lb.w / 2},${lb.y + lb.h / 2}) rotate(-90)`} textAnchor="middle" dy="0.34em">
            load balancer
          </text>
        </g>
        {layout.mode === "each"
          ? now.clients.map((c) => {
              const box = layout.pills.get(c.client);
              return box ? <Pill key={c.client} box={box} c={c} /> : null;
            })
          : [...layout.blocks].map(([w, box]) => <Block key={w} box={box} clients={inBlock.get(w) ?? []} />)}
        {now.workers.map((w, i) => layout.workers[i] && <Worker key={w.worker} box={layout.workers[i]} w={w} compact={layout.compact} />)}
        <Broker box={broker} now={now} />
      </svg>
      <FlightCanvas segments={now.segments} marks={marks} layout={layout} time={time} hop={now.hop} />
    </div>
  );
}
