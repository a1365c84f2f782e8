// The picture in words: the state at the playhead's moment, every error with how often it came,
// and the requests' latency percentiles.
import { DURATION, formatDuration } from "../../format/duration";
import { percentile, type PoolPoint, type PoolRun } from "./model";
import { ColumnHeads } from "../ColumnHeads";

const ms = (v: number | null) => (v === null ? "—" : formatDuration(v, DURATION.span));

export function MomentTable({ at, run }: { at: PoolPoint; run: PoolRun }) {
  const rows: [string, string][] = [
    ["Connections busy", String(at.busy)],
    ["Connections idle in a pool", String(at.idle)],
    ["Connections opening", String(at.opening)],
    ["Callers waiting for a connection", String(at.waiting)],
    ["Server connections in use", run.maxConnections === undefined ? String(at.server) : `${at.server} of ${run.maxConnections}`],
    ["Requests served / failed so far", `${run.served} / ${run.failed}`],
  ];
  return (
    <table className="pool-table">
      <caption>At this moment</caption>
      <tbody>
        {rows.map(([name, value]) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function LatencyTable({ run }: { run: PoolRun }) {
  const sorted = run.latencies;
  return (
    <table className="pool-table">
      <caption>Latency of served requests</caption>
      <ColumnHeads names={["p50", "p95", "p99", "served"]} />
      <tbody>
        <tr>
          <td>{ms(percentile(sorted, 50))}</td>
          <td>{ms(percentile(sorted, 95))}</td>
          <td>{ms(percentile(sorted, 99))}</td>
          <td>{run.served}</td>
        </tr>
      </tbody>
    </table>
  );
}

const STEP_NAMES: Record<string, string> = { tcp: "TCP handshake", backendStart: "backend process started", tls: "TLS handshake", auth: "authentication" };

/** What opening one connection cost, step by step. */
export function OpenCostTable({ run }: { run: PoolRun }) {
  if (run.openSteps.length === 0) return null;
  const total = run.openSteps.reduce((sum, s) => sum + s.ms, 0);
  return (
    <table className="pool-table">
      <caption>Opening one connection to Postgres</caption>
      <tbody>
        {run.openSteps.map((s) => (
          <tr key={s.step}>
            <th scope="row">{STEP_NAMES[s.step] ?? s.step}</th>
            <td>{ms(s.ms)}</td>
          </tr>
        ))}
        <tr>
          <th scope="row">in all, before the first query</th>
          <td>{ms(total)}</td>
        </tr>
      </tbody>
    </table>
  );
}

/** Each simulation of the run in one row, to compare setups (pool sizes, PgBouncer or not). */
export function SimulationTable({ run }: { run: PoolRun }) {
  if (run.simulations.length < 2) return null;
  return (
    <table className="pool-table">
      <caption>Each simulation of this run, in order</caption>
      <ColumnHeads names={["#", "served", "failed", "p95", "per second", "peak server connections"]} />
      <tbody>
        {run.simulations.map((s) => (
          <tr key={s.sim}>
            <td>{s.sim}</td>
            <td>{s.served}</td>
            <td>{s.failed}</td>
            <td>{ms(s.p95)}</td>
            <td>{Math.round(s.throughput)}</td>
            <td>{s.peakServer}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ErrorTable({ run }: { run: PoolRun }) {
  if (run.errors.length === 0) return null;
  return (
    <table className="pool-table pool-table--errors">
      <caption>Errors, as Postgres, PgBouncer or node-postgres worded them</caption>
      <ColumnHeads names={["Message", "SQLSTATE", "Times"]} />
      <tbody>
        {run.errors.map((e) => (
          <tr key={`${e.code} ${e.message}`}>
            <td>{e.message}</td>
            <td>{e.code ?? ""}</td>
            <td>{e.count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
