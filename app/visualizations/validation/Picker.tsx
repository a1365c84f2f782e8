// A run may validate many inputs (the learner's own and every check's): this lists them and moves
// the playhead to the end of the one chosen. It holds no state of its own.
import { useId } from "react";
import type { Validation } from "./validation";

function optionText(v: Validation): string {
  const outcome = v.ok === undefined ? "not finished" : v.ok ? "valid" : `${v.errors.length} error${v.errors.length === 1 ? "" : "s"}`;
  return `${v.index} · ${v.model} → ${outcome}${v.request ? ` · ${v.request}` : ""}`;
}

export function Picker({ validations, index, onPick }: { validations: readonly Validation[]; index: number; onPick: (v: Validation) => void }) {
  const id = useId();
  return (
    <div className="validation-viz__picker">
      <label htmlFor={id}>Input</label>
      <button type="button" aria-label="Previous input" disabled={index <= 0} onClick={() => onPick(validations[index - 1])}>
        ‹
      </button>
      <select id={id} value={index} onChange={(e) => onPick(validations[Number(e.target.value)])}>
        {validations.map((v, i) => (
          <option key={v.index} value={i}>
            {optionText(v)}
          </option>
        ))}
      </select>
      <button type="button" aria-label="Next input" disabled={index >= validations.length - 1} onClick={() => onPick(validations[index + 1])}>
        ›
      </button>
    </div>
  );
}
