// Tab indents inside the editor, which traps a keyboard user there unless they know Monaco's
// way out: its "Tab moves focus" mode, a toggle (pressed again, Tab indents again). Shown under
// the editor and read out when it takes focus (the editor's aria-describedby points here).
const MAC = typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);
// Monaco's own binding for "Toggle Tab Key Moves Focus".
const TOGGLE = MAC ? ["Ctrl", "Shift", "M"] : ["Ctrl", "M"];

function Keys({ keys }: { keys: string[] }) {
  return (
    <>
      {keys.map((k, i) => (
        <span key={k}>
          {i > 0 && "+"}
          <kbd className="kbd">{k}</kbd>
        </span>
      ))}
    </>
  );
}

export function EditorKeys({ id }: { id: string }) {
  return (
    <p id={id} className="editor-keys">
      <kbd className="kbd">Tab</kbd> indents · <Keys keys={TOGGLE} /> then <kbd className="kbd">Tab</kbd> leaves the editor · <Keys keys={[MAC ? "⌘" : "Ctrl", "Enter"]} /> runs
    </p>
  );
}
