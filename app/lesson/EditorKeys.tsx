// Tab indents inside the full editor, which traps a keyboard user there unless they know Monaco's
// way out: its "Tab moves focus" mode, a toggle (pressed again, Tab indents again). Shown under
// the editor and read out when it takes focus (the editor's aria-describedby points here). The
// light editor leaves Tab alone. Beside the keys: the switch to the other editor (editor-mode.ts).
import { chooseEditor, type EditorKind } from "../editor/editor-mode";

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

export function EditorKeys({ id, kind }: { id: string; kind: EditorKind }) {
  const other: EditorKind = kind === "full" ? "light" : "full";
  return (
    <div className="editor-keys">
      <p id={id} className="editor-keys__keys">
        {kind === "full" ? (
          <>
            <kbd className="kbd">Tab</kbd> indents · <Keys keys={TOGGLE} /> then <kbd className="kbd">Tab</kbd> leaves the editor
          </>
        ) : (
          <>
            <kbd className="kbd">Tab</kbd> leaves the editor
          </>
        )}{" "}
        · <Keys keys={[MAC ? "⌘" : "Ctrl", "Enter"]} /> runs
      </p>
      <button type="button" className="button button--quiet button--small editor-keys__switch" onClick={() => chooseEditor(other)}>
        {other === "full" ? "Use the full editor" : "Use the light editor"}
      </button>
    </div>
  );
}
