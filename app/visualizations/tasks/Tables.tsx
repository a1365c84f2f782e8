// The lanes and the measurements as tables: the pictures' text alternatives, following the
// playhead as the pictures do.
import { DURATION, formatDuration } from "../../format/duration";
import { SidewaysScroll } from "../../shell/SidewaysScroll";
import { ColumnHeads } from "../ColumnHeads";
import { endingText, waitText, type LoopPicture } from "./lanes";
import type { MeasuredEvent } from "./read";

const ms = (v: number) => formatDuration(v, DURATION.loop);

export function LanesTable({ picture, title, cursor }: { picture: LoopPicture; title: string; cursor: number }) {
  return (
    <SidewaysScroll label={`Tasks of ${title}`}>
      <table className="tasks-table">
        <caption>Tasks of {title}</caption>
        <ColumnHeads names={["task", "created", "steps", "waited on", "ended"]} />
        <tbody>
          {picture.lanes.map((lane) => {
            const waits = lane.segments.filter((s) => s.kind === "waiting");
            const waited = waits.reduce((sum, s) => sum + ((s.to ?? cursor) - s.from), 0);
            const on = [...new Set(waits.map((s) => waitText(s.on)))].join(", ");
            return (
              <tr key={`${lane.task}-${lane.created}`}>
                <th scope="row">{lane.task}</th>
                <td>{ms(lane.created - picture.start)}</td>
                <td>{lane.steps}</td>
                <td>{waits.length ? `${on} (${ms(waited)})` : "—"}</td>
                <td>{lane.ending ? `${endingText(lane.ending)} at ${ms(lane.ending.t - picture.start)}` : "pending"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {picture.blocked.length > 0 && (
        <p className="tasks-viz__note">
          The loop was blocked{" "}
          {picture.blocked.map((b) => `${ms(Math.min(b.to, cursor) - b.from)} from ${ms(b.from - picture.start)}${b.task ? ` (by ${b.task})` : ""}`).join("; ")}: no task ran meanwhile.
        </p>
      )}
    </SidewaysScroll>
  );
}

export function SpeedupTable({ measured }: { measured: MeasuredEvent[] }) {
  return (
    <table className="tasks-table">
      <caption>Measured on real Web Workers</caption>
      <ColumnHeads names={["workers", "time", "speedup", "ideal"]} />
      <tbody>
        {measured.map((m, i) => (
          <tr key={i}>
            <th scope="row">{m.workers}</th>
            <td>{ms(m.ms)}</td>
            <td>{m.speedup.toFixed(2)}×</td>
            <td>{(m.workers / measured[0].workers).toFixed(0)}×</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
