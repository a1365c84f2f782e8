// A poisoning race: how many forged packets the attacker sent and in how many races, whether one
// was believed, and why the resolver threw each judged packet away — a bar per reason, the number
// beside it, in a table that is its own text alternative.
import { SidewaysScroll } from "../../shell/SidewaysScroll";
import { VERDICTS, raceSummary } from "./model";
import type { Race } from "./read";

export function RaceTable({ race }: { race: Race }) {
  const rows = VERDICTS.filter(({ verdict }) => (race.verdicts[verdict] ?? 0) > 0);
  const most = Math.max(1, ...rows.map(({ verdict }) => race.verdicts[verdict] ?? 0));
  return (
    <SidewaysScroll label="Forged packets">
      <table className="dns-table dns-race">
        <caption>
          {raceSummary(race)}. Of the {race.judged.toLocaleString("en-US")} that reached the resolver while traced:
        </caption>
        <thead>
          <tr>
            <th scope="col">verdict</th>
            <th scope="col">packets</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ verdict, text }) => (
            <tr key={verdict} className={verdict === "accepted" ? "dns-race__accepted" : undefined}>
              <th scope="row">{text}</th>
              <td>
                <span className="dns-bar">
                  <span className="dns-bar__fill" style={{ width: `${Math.max(2, Math.round((90 * (race.verdicts[verdict] ?? 0)) / most))}px` }} aria-hidden="true" />
                  {(race.verdicts[verdict] ?? 0).toLocaleString("en-US")}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </SidewaysScroll>
  );
}
