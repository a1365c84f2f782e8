// The serialization lesson's picture of a run: the byte string the playhead stands on, as hex with
// each byte's field and value on hover or focus and the most significant byte of each number
// marked; its fields as a table (the text alternative); a picker over every byte string of the run
// (choosing one moves the playhead); the last Python error; the last comparison of formats; and
// what loading the last pickle would do. All of it from the trace up to the playhead.
import { useId, useMemo } from "react";
import type { VisualizationProps } from "../Visualization";
import { RunPlaceholder } from "../RunPlaceholder";
import { Compare } from "./Compare";
import { FieldTable } from "./FieldTable";
import { HexView } from "./HexView";
import { PickleVerdict } from "./PickleVerdict";
import { callOf, cellsOf, describeByte, fieldRows, groupsOf, labelOf, phaseAt, phasesOf, readRun } from "./model";
import "./serialization.css";

export default function Serialization({ store, view }: VisualizationProps) {
  const pickerId = useId();
  const whole = useMemo(() => readRun(view.all), [view.all]);
  const run = useMemo(() => readRun(view.trace), [view.trace]);
  const shown = run.strings.at(-1);
  const cells = useMemo(() => (shown ? cellsOf(shown) : []), [shown]);
  const rows = useMemo(() => (shown ? fieldRows(shown) : []), [shown]);
  const phases = useMemo(() => phasesOf(view.all), [view.all]);
  const groups = useMemo(() => groupsOf(whole.strings, phases), [whole.strings, phases]);

  if (!run.latest && !run.compare) {
    return (
      <RunPlaceholder
        store={store}
        view={view}
        beforeFirstRun="Run your code to see every byte string it packs, dumps or reads as hex, with the field and value of each byte."
        nothingInRun="This run made no bytes with playground/serialization, so there is nothing to draw."
      />
    );
  }

  const selected = shown ? whole.strings.indexOf(shown) : -1;
  const error = run.latest?.kind === "error" ? run.latest : undefined;

  return (
    <figure className="ser-viz">
      {whole.strings.length > 1 && (
        <div className="ser-picker">
          <label htmlFor={pickerId}>Byte string</label>
          <select id={pickerId} value={selected} onChange={(e) => view.showEvent(whole.strings[Number(e.target.value)])}>
            {selected === -1 && <option value={-1}>none yet</option>}
            {groups.map((g, i) => (
              <optgroup key={i} label={`made by ${g.label}`}>
                {g.items.map(({ event, index }) => (
                  <option key={index} value={index}>
                    {labelOf(event, index)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          <span className="ser-picker__count">of {whole.strings.length}</span>
        </div>
      )}
      {error && (
        <p className="ser-error" role="note">
          {callOf(error)} raised <code>{error.type}: {error.message}</code>
        </p>
      )}
      {shown && (
        <>
          <figcaption className="ser-viz__summary">
            <code>{callOf(shown)}</code>{" "}
            — {shown.length.toLocaleString("en-US")} {shown.length === 1 ? "byte" : "bytes"} in {shown.fields.length} {shown.fields.length === 1 ? "field" : "fields"}, made by{" "}
            {phaseAt(phases, shown.t)?.label ?? "your code"}
          </figcaption>
          <HexView cells={cells} name={callOf(shown)} length={shown.length} truncated={shown.truncated} describe={(cell) => describeByte(shown, cell)} />
          <p className="ser-legend" aria-hidden="true">
            colours: one per field · <span className="ser-legend__msb">underlined</span>: the most significant byte of a number
          </p>
          <FieldTable event={shown} rows={rows} />
        </>
      )}
      {run.pickle && <PickleVerdict pickle={run.pickle} explain={run.explain} shown={run.pickle === shown} onShow={() => view.showEvent(run.pickle!)} />}
      {run.compare && <Compare event={run.compare} />}
    </figure>
  );
}
