// A read-only field with a Copy button. Copying can fail (no clipboard permission, an insecure
// context, an iframe): the text stays selected in the field so it can be copied by hand.
import { useId, useRef, useState } from "react";

export type CopyState = "idle" | "copied" | "failed";

export async function copyText(text: string): Promise<CopyState> {
  try {
    await navigator.clipboard.writeText(text);
    return "copied";
  } catch {
    return "failed";
  }
}

export function CopyField({ label, value, multiline = false, initialState = "idle" }: { label: string; value: string; multiline?: boolean; initialState?: CopyState }) {
  const id = useId();
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [state, setState] = useState<CopyState>(initialState);

  const copy = async () => {
    ref.current?.select();
    setState(await copyText(value));
  };

  const Field = multiline ? "textarea" : "input";
  return (
    <div className="copy-field">
      <label htmlFor={id}>{label}</label>
      <div className="copy-field__row">
        <Field id={id} ref={ref} className="copy-field__input" readOnly value={value} rows={multiline ? 4 : undefined} autoFocus onFocus={(e) => e.currentTarget.select()} />
        <button type="button" className="button" onClick={copy}>
          Copy
        </button>
      </div>
      <p className="copy-field__state" aria-live="polite">
        {state === "copied" ? "Copied to the clipboard." : state === "failed" ? "Could not copy automatically: the text is selected, press Ctrl+C (⌘C on a Mac)." : ""}
      </p>
    </div>
  );
}
