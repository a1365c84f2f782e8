// The validation lesson's picture of a run: one input of Model.validate as a tree, each value with
// what it became ("42" → 42) and each error pinned where it happened, with the table of the same
// as its text alternative. A run validates many inputs (the learner's own and every check's): the
// one shown is the last the playhead has reached, drawn as far as it had got; the picker moves
// the playhead to the end of another. All of it from the trace's validation events (read.ts).
import { useMemo } from "react";
import type { VisualizationProps } from "../Visualization";
import { Picker } from "../Picker";
import { RunPlaceholder } from "../RunPlaceholder";
import { FieldTable } from "./FieldTable";
import { InputTree } from "./InputTree";
import { readValidations } from "./read";
import { optionText, originText, outcomeText, rowsOf } from "./rows";
import { treeOf } from "./tree";
import "./validation.css";

export default function ValidationView({ store, view }: VisualizationProps) {
  const all = useMemo(() => readValidations(view.all), [view.all]);
  const reached = useMemo(() => readValidations(view.trace), [view.trace]);
  const shown = reached.at(-1);
  const root = useMemo(() => (shown ? treeOf(shown) : undefined), [shown]);

  if (!shown || !root) {
    return <RunPlaceholder store={store} view={view} beforeFirstRun={"Run your code to see each input you validate as a tree: what every value became, and each error pinned where it happened."} nothingInRun={"This run validated nothing: call a model's validate (or send a request to an endpoint with a body model) to see its input here."} />;
  }

  const outcome = outcomeText(shown, root);
  const origin = originText(shown);
  return (
    <figure className="validation-viz">
      {all.length > 1 && <Picker label="Input" noun="input" items={all} index={shown.index - 1} optionText={optionText} onPick={(v) => view.showEvent(v.last)} />}
      <figcaption className="validation-viz__summary" aria-live="polite">
        Input {shown.index} of {all.length}: {outcome}
        {origin && <span className="validation-viz__origin"> — validated {origin}</span>}
      </figcaption>
      <InputTree root={root} model={shown.model} label={`The input of validation ${shown.index}, as a tree: ${outcome}`} />
      <p className="validation-viz__legend" aria-hidden="true">
        <span className="validation-viz__key validation-viz__key--accepted">✓ accepted</span>
        <span className="validation-viz__key validation-viz__key--coerced">→ coerced</span>
        <span className="validation-viz__key validation-viz__key--rejected">✗ error</span>
      </p>
      <details className="validation-viz__details">
        <summary>Show as a table</summary>
        <FieldTable rows={rowsOf(root)} />
      </details>
    </figure>
  );
}
