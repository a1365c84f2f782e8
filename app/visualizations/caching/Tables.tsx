// The keys at the chosen moment as bars of remaining TTL, and the text alternative: latency per
// kind of request, and every key with its TTL and what happened to it so far.
import { scaleLinear } from "d3";
import type { KeyHistory, KeyView, LatencyRow } from "./model";
import { formatDuration, formatLatency } from "./format";

const ttlText = (k: KeyView) => (k.ttlMs === null ? "no expiry" : formatDuration(k.ttlMs));

export function KeyBars({ keys }: { keys: KeyView[] }) {
  // A key without expiry fills its bar: it stays until someone deletes it.
  const longest = Math.max(1, ...keys.map((k) => k.ttlMs ?? 0));
  const width = scaleLinear().domain([0, longest]).range([0, 100]);
  if (keys.length === 0) return <p className="caching-keys__empty">No keys in Redis at this moment.</p>;
  return (
    <ul className="caching-keys" aria-hidden="true">
      {keys.map((k) => (
        <li key={k.key}>
          <code>{k.key}</code>
          <span className="caching-keys__track">
            <span className={k.ttlMs === null ? "caching-keys__bar caching-keys__bar--forever" : "caching-keys__bar"} style={{ width: `${k.ttlMs === null ? 100 : Math.max(1, width(k.ttlMs))}%` }} />
          </span>
          <span className="caching-keys__ttl">{ttlText(k)}</span>
        </li>
      ))}
    </ul>
  );
}

export function SummaryTable({ rows }: { rows: LatencyRow[] }) {
  return (
    <table className="caching-table">
      <caption>Hits, misses and database statements</caption>
      <thead>
        <tr>
          <th scope="col">kind</th>
          <th scope="col">count</th>
          <th scope="col">p50</th>
          <th scope="col">p95</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.label}>
            <th scope="row">{r.label}</th>
            <td>{r.count}</td>
            <td>{formatLatency(r.p50)}</td>
            <td>{formatLatency(r.p95)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function KeysTable({ keys, history }: { keys: KeyView[]; history: KeyHistory[] }) {
  const alive = new Map(keys.map((k) => [k.key, k]));
  return (
    <table className="caching-table">
      <caption>Keys at this moment</caption>
      <thead>
        <tr>
          <th scope="col">key</th>
          <th scope="col">TTL left</th>
          <th scope="col">written</th>
          <th scope="col">deleted</th>
          <th scope="col">expired</th>
        </tr>
      </thead>
      <tbody>
        {history.map((h) => {
          const k = alive.get(h.key);
          return (
            <tr key={h.key}>
              <th scope="row">
                <code>{h.key}</code>
              </th>
              <td>{k ? ttlText(k) : "gone"}</td>
              <td>{h.writes}</td>
              <td>{h.deletes}</td>
              <td>{h.expired}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
