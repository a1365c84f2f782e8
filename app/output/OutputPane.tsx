import { useEffect, useRef } from "react";
import { useStore } from "zustand";
import type { RunStore } from "../lesson/run-session";

export function OutputPane({ store }: { store: RunStore }) {
  const output = useStore(store, (s) => s.output);
  const dropped = useStore(store, (s) => s.dropped);
  const runs = useStore(store, (s) => s.runs);
  const end = useRef<HTMLDivElement>(null);

  // Follow the newest line by scrolling the pane only (scrollIntoView would scroll the page too).
  useEffect(() => {
    const pane = end.current?.closest(".pane");
    if (pane) pane.scrollTop = pane.scrollHeight;
  }, [output]);

  if (runs === 0) return <p className="pane__placeholder">What your code prints with console.log appears here.</p>;
  return (
    <div className="output" tabIndex={0} aria-label="Console output">
      {dropped > 0 && (
        <p className="output__dropped">
          … {dropped.toLocaleString("en")} earlier {dropped === 1 ? "line" : "lines"} not shown (only the newest {output.length.toLocaleString("en")} are kept)
        </p>
      )}
      {output.length === 0 && dropped === 0 && <p className="pane__placeholder">Nothing was printed.</p>}
      {output.map((line, i) => (
        <pre key={i} className={`output__line output__line--${line.level}`}>
          {line.text}
        </pre>
      ))}
      <div ref={end} />
    </div>
  );
}
