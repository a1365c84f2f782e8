// What the editor pane shows while Monaco loads: the learner's code, readable at once.
export function CodePreview({ code }: { code: string }) {
  return (
    <div className="code-preview">
      <p className="code-preview__note" aria-live="polite">
        Loading the editor…
      </p>
      <pre>
        <code>{code}</code>
      </pre>
    </div>
  );
}
