// Which one of many a visualization shows (a request, a cluster, an input): a list and the buttons
// before and after it. Choosing moves the playhead (the caller's onPick), never a state of the
// visualization's own; what it shows is the last one the playhead has reached.
import { useId } from "react";
import "./picker.css";

export interface PickerProps<T> {
  /** The list's label: "Request". */
  label: string;
  /** What one item is called in the buttons' names: "request" → "Previous request". */
  noun: string;
  items: readonly T[];
  /** The item shown, or -1 when it is not one of `items`. */
  index: number;
  optionText: (item: T) => string;
  onPick: (item: T) => void;
}

export function Picker<T>({ label, noun, items, index, optionText, onPick }: PickerProps<T>) {
  const id = useId();
  return (
    <div className="viz-picker">
      <label htmlFor={id}>{label}</label>
      <button type="button" aria-label={`Previous ${noun}`} disabled={index <= 0} onClick={() => onPick(items[index - 1])}>
        ‹
      </button>
      <select id={id} value={index} onChange={(e) => onPick(items[Number(e.target.value)])}>
        {items.map((item, i) => (
          <option key={i} value={i}>
            {optionText(item)}
          </option>
        ))}
      </select>
      <button type="button" aria-label={`Next ${noun}`} disabled={index >= items.length - 1} onClick={() => onPick(items[index + 1])}>
        ›
      </button>
    </div>
  );
}
