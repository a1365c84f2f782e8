// The picture in words, following the playhead: each worker's state and counters, the last
// messages and whom they reached, every loss so far, and (folded) every client's connection.
import { useId } from "react";
import { SidewaysScroll } from "../../shell/SidewaysScroll";
import { ColumnHeads } from "../ColumnHeads";
import { connectionLosses, fateSentence, lossGroupSentence, messageLosses, type Fate } from "./messages";
import type { ClientNow, ClusterNow, WorkerNow } from "./model";

function workerState(w: WorkerNow): string {
  if (w.status === "up") return w.downs > 0 ? "running (restarted)" : "running";
  return w.status === "starting" ? "starting" : `${w.status}${w.error ? `: ${w.error}` : ""}`;
}

export function WorkerTable({ now }: { now: ClusterNow }) {
  const b = now.broker;
  return (
    <>
    <SidewaysScroll label="Workers at this moment">
      <table className="cluster-table cluster-table--numbers">
        <caption>Workers at this moment: connections, frames in and out</caption>
        <ColumnHeads names={["Worker", "State", "Connections", "In", "Out"]} />
        <tbody>
          {now.workers.map((w) => (
            <tr key={w.worker}>
              <th scope="row">{w.worker}</th>
              <td>{workerState(w)}</td>
              <td>{w.connections}</td>
              <td>{w.framesIn}</td>
              <td>
                {w.framesOut}
                {w.lostOut > 0 && ` (${w.lostOut} lost)`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </SidewaysScroll>
      <p className="cluster-note">
        {now.info.usesBroker
          ? `Redis: ${b.publishes} published (${now.workers.map((w) => `worker ${w.worker}: ${w.publishes}`).join(", ")}), ${b.deliveries} delivered to workers${b.zeroReceivers ? `, ${b.zeroReceivers} published to no one` : ""}.`
          : "Redis: not used by this cluster; no worker published a message."}
      </p>
    </>
  );
}

const LAST = 8;

export function MessageList({ fates, time }: { fates: readonly Fate[]; time: number }) {
  const id = useId();
  if (fates.length === 0) return <p className="cluster-note">No client has sent a message yet.</p>;
  const last = fates.slice(-LAST).reverse();
  return (
    <section className="cluster-list" aria-labelledby={id}>
      <h3 id={id}>Last messages{fates.length > LAST ? ` (${LAST} of ${fates.length}, newest first)` : ", newest first"}</h3>
      <ol>
        {last.map((f) => (
          <li key={f.sent.msg}>{fateSentence(f, time)}</li>
        ))}
      </ol>
    </section>
  );
}

const SHOWN_LOSSES = 12;

export function LossList({ now, fates, time }: { now: ClusterNow; fates: readonly Fate[]; time: number }) {
  const id = useId();
  const lostOut = now.workers.reduce((n, w) => n + w.lostOut, 0);
  const items = [
    ...messageLosses(fates, time).map(lossGroupSentence),
    ...(lostOut > 0 ? [`${lostOut === 1 ? "1 frame" : `${lostOut} frames`} sent to clients that had already gone, lost on the way.`] : []),
    ...connectionLosses(now.clients),
  ];
  return (
    <section className="cluster-list" aria-labelledby={id}>
      <h3 id={id}>Losses so far</h3>
      {items.length === 0 ? (
        <p className="cluster-note">None: every message reached every client connected when it was sent, and no connection was lost.</p>
      ) : (
        <ul>
          {items.slice(0, SHOWN_LOSSES).map((item, i) => (
            <li key={i}>{item}</li>
          ))}
          {items.length > SHOWN_LOSSES && <li>…and {items.length - SHOWN_LOSSES} more.</li>}
        </ul>
      )}
    </section>
  );
}

export function clientState(c: ClientNow): string {
  switch (c.status) {
    case "not yet":
      return "not connected yet";
    case "connecting":
      return "connecting";
    case "open":
      return "open";
    case "closed":
      return `closed ${c.code} by ${c.by === "server" ? "the app" : "the client"}${c.reason ? ` (“${c.reason}”)` : ""}`;
    case "lost":
      return `lost, 1006 (${c.why ?? "no close handshake"})${c.vanished ? " after it vanished" : ""}`;
    case "vanished":
      return "vanished; its worker still holds the socket";
    case "rejected":
      return `refused, HTTP ${c.code ?? 403}`;
  }
}

export function ClientTable({ now }: { now: ClusterNow }) {
  return (
    <details className="cluster-details">
      <summary>Every client ({now.clients.length})</summary>
      <table className="cluster-table">
        <caption>Each client's connection at this moment</caption>
        <ColumnHeads names={["Client", "Worker", "Connection"]} />
        <tbody>
          {now.clients.map((c) => (
            <tr key={c.client}>
              <th scope="row">{c.client}</th>
              <td>{c.worker}</td>
              <td>{clientState(c)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
