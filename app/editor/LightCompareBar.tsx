// Above the light editor while it compares the learner's code with the solution (light-compare.ts).
/** `count`: null while the comparison loads. */
export function LightCompareBar({ count, onClose }: { count: number | null; onClose: () => void }) {
  return (
    <div className="solution-diff__bar" role="group" aria-label="Compare with the solution">
      <p className="solution-diff__legend">
        <span>Red: the solution's lines (read-only)</span>
        <span>Green: yours, where they differ</span>
      </p>
      <p className="solution-diff__count" role="status" aria-live="polite">
        {count === null ? "Comparing…" : count === 0 ? "No differences: your code matches the solution." : `${count} ${count === 1 ? "difference" : "differences"}, each with its own buttons`}
      </p>
      <div className="solution-diff__actions">
        <button type="button" className="button button--small button--primary" onClick={onClose}>
          Done comparing
        </button>
      </div>
    </div>
  );
}
