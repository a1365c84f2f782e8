// A picture of how long things take, for lesson prose: one row per item, its time as a bar on a
// logarithmic scale (each tick ten times the last) and written out, so the picture reads as text too.
//
//   <TimeScale caption="…" items={[{ label: "L1 cache", detail: "64-byte lines", seconds: 1e-9 }, …]} />
export interface TimeScaleItem {
  label: string;
  detail?: string;
  seconds: number;
}

const UNITS: [number, string][] = [
  [1, "s"],
  [1e-3, "ms"],
  [1e-6, "µs"],
  [1e-9, "ns"],
];

export function formatSeconds(seconds: number): string {
  const [size, unit] = UNITS.find(([s]) => seconds >= s) ?? UNITS[UNITS.length - 1];
  const n = seconds / size;
  return `${Number(n.toPrecision(n >= 100 ? 3 : 2))} ${unit}`;
}

export function TimeScale({ caption, items }: { caption?: string; items: TimeScaleItem[] }) {
  const logs = items.map((i) => Math.log10(i.seconds));
  // One decade of room below the fastest item, so its bar shows.
  const low = Math.floor(Math.min(...logs)) - 1;
  const high = Math.ceil(Math.max(...logs));
  const span = high - low;
  const at = (seconds: number) => ((Math.log10(seconds) - low) / span) * 100;
  // Ticks at 1 ns, 1 µs, 1 ms, 1 s… within the scale.
  const ticks: number[] = [];
  for (let e = Math.ceil(low / 3) * 3; e <= high; e += 3) ticks.push(10 ** e);
  return (
    <figure className="time-scale">
      <ul className="time-scale__rows">
        {items.map((item) => (
          <li key={item.label} className="time-scale__row">
            <span className="time-scale__label">
              {item.label}
              {item.detail && <span className="time-scale__detail"> — {item.detail}</span>}
            </span>
            <span className="time-scale__track" aria-hidden="true">
              <span className="time-scale__bar" style={{ width: `${Math.max(1, at(item.seconds))}%` }} />
            </span>
            <span className="time-scale__time">{formatSeconds(item.seconds)}</span>
          </li>
        ))}
      </ul>
      <div className="time-scale__row" aria-hidden="true">
        <span />
        <span className="time-scale__axis">
          {ticks.map((t) => (
            <span key={t} style={{ left: `${at(t)}%` }}>
              {formatSeconds(t)}
            </span>
          ))}
        </span>
        <span />
      </div>
      {caption && <figcaption>{caption}</figcaption>}
    </figure>
  );
}
