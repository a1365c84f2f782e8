// One value encoded by each format (compare()): size and time side by side, and what came back
// different. A bar per size on one scale; structuredClone copies in memory, so it has no size.
import type { SerializationCompareTrace } from "../../../workers/serialization/trace";
import { SidewaysScroll } from "../../shell/SidewaysScroll";
import { FORMAT_NAMES, lostText } from "./model";

// One encode or decode of a small value takes microseconds: milliseconds would print 0.00.
const micros = (ms: number) => (ms * 1000).toLocaleString("en-US", { maximumFractionDigits: ms < 0.01 ? 1 : 0 });
export function Compare({ event }: { event: SerializationCompareTrace }) {
  const largest = Math.max(1, ...event.rows.map((r) => r.bytes ?? 0));
  return (
    <SidewaysScroll label="Formats compared">
      <table className="ser-table ser-compare">
        <caption>The same value in each format</caption>
        <thead>
          <tr>
            <th scope="col">format</th>
            <th scope="col">size</th>
            <th scope="col">encode, µs</th>
            <th scope="col">decode, µs</th>
            <th scope="col">came back</th>
          </tr>
        </thead>
        <tbody>
          {event.rows.map((r) => (
            <tr key={r.format}>
              <th scope="row">{FORMAT_NAMES[r.format]}</th>
              <td>
                {r.error ? (
                  "—"
                ) : r.bytes === null ? (
                  "no bytes (a copy)"
                ) : (
                  <span className="ser-bar">
                    <span className="ser-bar__fill" style={{ width: `${(r.bytes / largest) * 3}rem` }} aria-hidden="true" />
                    {r.bytes.toLocaleString("en-US")} B
                  </span>
                )}
              </td>
              <td>{r.error ? "—" : micros(r.encodeMs)}</td>
              <td>{r.error ? "—" : micros(r.decodeMs)}</td>
              <td className={r.error || !r.roundTrips ? "ser-compare__lost" : undefined}>
                {r.error ? `could not encode it: ${r.error}` : r.roundTrips ? "the same value" : lostText(r.lost)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </SidewaysScroll>
  );
}
