// The caches of the walk's internet at the playhead's moment: every entry its resolvers hold,
// with the seconds left counting down as the playhead moves (a bar and the number), negative
// entries (NXDOMAIN, NODATA) and forged ones marked in words. Expired entries stay, struck out,
// until the resolver finds them expired: a cache forgets lazily.
import { SidewaysScroll } from "../../shell/SidewaysScroll";
import { bare, recordsText, type CacheLine } from "./model";

const MAX_ROWS = 40;

export function CacheTable({ lines, time }: { lines: CacheLine[]; time: number }) {
  if (lines.length === 0) return <p className="dns-note">No resolver of this internet has cached anything yet.</p>;
  const resolvers = new Set(lines.map((l) => l.resolver)).size;
  const shown = lines.slice(0, MAX_ROWS);
  return (
    <SidewaysScroll label="Caches">
      <table className="dns-table dns-cache">
        <caption>
          {resolvers === 1 ? "The resolver's cache" : `The caches of ${resolvers} resolvers`} at {(time / 1000).toFixed(1)} s: {lines.length} {lines.length === 1 ? "entry" : "entries"}
        </caption>
        <thead>
          <tr>
            {resolvers > 1 && <th scope="col">resolver</th>}
            <th scope="col">name</th>
            <th scope="col">type</th>
            <th scope="col">data</th>
            <th scope="col">TTL left</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((line) => (
            <tr key={`${line.resolver} ${line.name} ${line.type}`} className={line.left === 0 ? "dns-cache__expired" : line.forged ? "dns-cache__forged" : undefined}>
              {resolvers > 1 && <td>{line.resolver}</td>}
              <th scope="row">{bare(line.name)}</th>
              <td>{line.type}</td>
              <td>
                {line.forged && <strong>forged: </strong>}
                <code>{recordsText(line)}</code>
              </td>
              <td>
                <span className="dns-ttl">
                  <span className="dns-ttl__bar" aria-hidden="true">
                    <span className="dns-ttl__fill" style={{ width: `${Math.round((100 * line.left) / Math.max(1, line.ttl))}%` }} />
                  </span>
                  <span className="dns-ttl__text">{line.left === 0 ? "expired" : `${line.left.toLocaleString("en-US")} of ${line.ttl.toLocaleString("en-US")} s`}</span>
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {lines.length > shown.length && <p className="dns-note">The first {MAX_ROWS} of {lines.length} entries, soonest to expire first.</p>}
    </SidewaysScroll>
  );
}
