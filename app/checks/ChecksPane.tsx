import { useState } from "react";
import { useStore } from "zustand";
import type { CheckView, RunStore } from "../lesson/run-session";

const STATE_TEXT: Record<CheckView["state"], string> = { passed: "passed", failed: "failed", "not-run": "not run yet" };
const ICON: Record<CheckView["state"], string> = { passed: "✓", failed: "✗", "not-run": "○" };

function CheckItem({ check }: { check: CheckView }) {
  const [shown, setShown] = useState(0);
  return (
    <li className={`check check--${check.state}`}>
      <span className="check__icon" aria-hidden="true">
        {ICON[check.state]}
      </span>
      <div className="check__body">
        <p className="check__name">
          {check.name} <span className="check__state">— {STATE_TEXT[check.state]}</span>
        </p>
        {check.state === "failed" && check.message && <p className="check__message">{check.message}</p>}
        {check.hints.slice(0, shown).map((hint, i) => (
          <p key={i} className="check__hint">
            <strong>Hint {i + 1}:</strong> {hint}
          </p>
        ))}
        {check.state !== "passed" && shown < check.hints.length && (
          <button type="button" className="button button--small button--quiet" onClick={() => setShown(shown + 1)}>
            {shown === 0 ? "Show a hint" : "Show another hint"}
            <span className="visually-hidden"> for “{check.name}”</span>
          </button>
        )}
      </div>
    </li>
  );
}

export function ChecksPane({ store }: { store: RunStore }) {
  const checks = useStore(store, (s) => s.checks);
  if (checks.length === 0) return <p className="pane__placeholder">Loading checks…</p>;
  return (
    <ul className="checks">
      {checks.map((c) => (
        <CheckItem key={c.name} check={c} />
      ))}
    </ul>
  );
}
