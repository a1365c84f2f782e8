// Code blocks and tables in the prose keep their lines (code must not be re-wrapped), so in a
// narrow lesson pane they scroll sideways, as regions a keyboard can reach.
import { Children, isValidElement, useRef, type ComponentProps, type ReactElement, type ReactNode } from "react";
import { scrollRegionProps, SidewaysScroll, useOverflowsSideways } from "../shell/SidewaysScroll";

export const LANGUAGE_LABELS: Record<string, string> = {
  python: "Python (FastAPI)",
  py: "Python (FastAPI)",
  // Python's standard library alone (struct, json, pickle), as CPython 3.11 runs it.
  python3: "Python 3.11",
  ts: "TypeScript (playground)",
  typescript: "TypeScript (playground)",
  sql: "SQL",
  http: "HTTP",
};

/** The language of a fenced code block (`<pre><code class="language-…">`), from the pre's props. */
export function languageOf(pre: { children?: ReactNode; className?: string }): string | null {
  const code = Children.toArray(pre.children).find(isValidElement) as ReactElement<{ className?: string }> | undefined;
  return /language-(\S+)/.exec(code?.props.className ?? pre.className ?? "")?.[1] ?? null;
}

export function CodeBlock(props: ComponentProps<"pre">) {
  const ref = useRef<HTMLPreElement>(null);
  const overflows = useOverflowsSideways(ref);
  const language = languageOf(props);
  const label = language ? `${LANGUAGE_LABELS[language] ?? language.toUpperCase()} code` : "Code";
  return <pre ref={ref} {...props} {...scrollRegionProps(overflows, label)} />;
}

export function Table(props: ComponentProps<"table">) {
  return (
    <SidewaysScroll label="Table" className="prose__table">
      <table {...props} />
    </SidewaysScroll>
  );
}
