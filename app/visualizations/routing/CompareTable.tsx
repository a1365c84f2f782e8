// Every request of the run, with the comparisons each kind of router needed for it side by side
// (bars on one d3 scale, so the rows compare). A row's button shows that lookup on the tree.
import { scaleLinear } from "d3";
import { SidewaysScroll } from "../../shell/SidewaysScroll";
import { disagree, targetOf, type Lookup } from "./model";

const BAR_MAX = 30;

function Bar({ n, scale }: { n: number; scale: (n: number) => number }) {
  return (
    <span className="routing-bar">
      <span className="routing-bar__fill" style={{ width: `${Math.max(2, scale(n))}px` }} aria-hidden="true" />
      {n}
    </span>
  );
}

export function CompareTable({ lookups, selected, onSelect }: { lookups: Lookup[]; selected: number; onSelect: (i: number) => void }) {
  const max = Math.max(1, ...lookups.flatMap((l) => [l.event.radix.comparisons, l.event.linear.comparisons]));
  const scale = scaleLinear().domain([0, max]).range([0, BAR_MAX]);
  const total = (pick: (l: Lookup) => number) => lookups.reduce((sum, l) => sum + pick(l), 0);
  const hits = lookups.filter((l) => l.event.staticMap.hit).length;
  return (
    // Five columns do not fit a phone: the table scrolls sideways in its own box, not off the page.
    <SidewaysScroll label="Comparisons per request">
      <table className="routing-compare">
        <caption>Comparisons per request — press a request to draw its lookup</caption>
        <thead>
          <tr>
            <th scope="col">Request</th>
            <th scope="col">Status</th>
            <th scope="col" title="Static map">Map</th>
            <th scope="col" title="Radix tree">Radix</th>
            <th scope="col" title="Linear regex scan">Linear</th>
          </tr>
        </thead>
        <tbody>
          {lookups.map((l, i) => {
            const e = l.event;
            return (
              <tr key={i} className={i === selected ? "routing-compare__selected" : undefined}>
                <th scope="row">
                  <button type="button" aria-pressed={i === selected} onClick={() => onSelect(i)} title={`${e.method} ${targetOf(e)}`}>
                    {e.method} {targetOf(e)}
                  </button>
                  {disagree(e) && (
                    <span className="routing-compare__differ" role="img" aria-label="the strategies pick different routes" title="The linear scan and the radix tree pick different routes">
                      ≠
                    </span>
                  )}
                </th>
                <td>{l.response ?? "—"}</td>
                <td>{e.staticMap.hit ? "hit" : "miss"}</td>
                <td>
                  <Bar n={e.radix.comparisons} scale={scale} />
                </td>
                <td>
                  <Bar n={e.linear.comparisons} scale={scale} />
                </td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">All {lookups.length}</th>
            <td />
            <td>
              {hits} hit{hits === 1 ? "" : "s"}
            </td>
            <td>{total((l) => l.event.radix.comparisons)}</td>
            <td>{total((l) => l.event.linear.comparisons)}</td>
          </tr>
        </tfoot>
      </table>
    </SidewaysScroll>
  );
}
