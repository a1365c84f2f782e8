// A read-only field with a Copy button. Copying can fail (no clipboard permission, an insecure
// context, an iframe): the text stays selected in the field so it can be copied by hand.
import { useEffect, useId, useRef, useState } from "react";

export function CopyField({ label, value, multiline = false, copyNow = false }: { label: string; value: string; multiline?: boolean; copyNow?: boolean }) {
  const id = useId();
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");

  const copy = async () => {
    ref.current?.select();
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      setState("failed");
    }
  };

  useEffect(() => {
    if (copyNow) void copy();
    // copy once when the field appears
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const Field = multiline ? "textarea" : "input";
  return (
    <div className="copy-field">
      <label htmlFor={id}>{label}</label>
      <div className="copy-field__row">
        <Field id={id} ref={ref} className="copy-field__input" readOnly value={value} rows={multiline ? 4 : undefined} onFocus={(e) => e.currentTarget.select()} />
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
