// A run's error markers (lines and columns from 1, as the run reports them) as the light editor's
// lint diagnostics (offsets into its text). A marker past the end of the text (the code changed
// since the run) is left out, as the full editor does.
import type { Text } from "@codemirror/state";
import type { Diagnostic } from "@codemirror/lint";
import type { Marker } from "../lesson/run-session";

export function runDiagnostics(doc: Text, markers: readonly Marker[]): Diagnostic[] {
  return markers
    .filter((m) => m.line >= 1 && m.line <= doc.lines)
    .map((m) => {
      const line = doc.line(m.line);
      const from = line.from + Math.min(Math.max(m.column, 1) - 1, line.length);
      const to = m.endColumn !== undefined && m.endColumn > m.column ? line.from + Math.min(m.endColumn - 1, line.length) : line.to;
      return { from, to: Math.max(from, to), severity: "error", message: m.message };
    });
}
