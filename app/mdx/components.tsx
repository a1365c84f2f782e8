// The few components a lesson's MDX can use without importing them.
import { Children, isValidElement, type ComponentType, type ReactNode } from "react";
import { TimeScale } from "./TimeScale";
import { CodeBlock, LANGUAGE_LABELS, languageOf, Table } from "./ScrollRegion";
import { ProseSection } from "../lesson/steps/ProseSection";

export function Callout({ type = "note", title, children }: { type?: "note" | "tip" | "warning"; title?: string; children: ReactNode }) {
  const label = title ?? { note: "Note", tip: "Tip", warning: "Watch out" }[type];
  return (
    <aside className={`callout callout--${type}`} aria-label={label}>
      <p className="callout__title">{label}</p>
      {children}
    </aside>
  );
}

/**
 * The same idea in two languages, side by side (stacked when the lesson pane is narrow). Write
 * two fenced code blocks inside it, with blank lines around them:
 *
 *   <SideBySide caption="…">
 *
 *   ```python
 *   …
 *   ```
 *
 *   ```ts
 *   …
 *   ```
 *
 *   </SideBySide>
 *
 * Fenced blocks keep their indentation; MDX strips leading spaces from template literals in
 * attributes, which is why the code is not passed as props.
 */
export function SideBySide({ caption, children }: { caption?: string; children: ReactNode }) {
  const blocks = Children.toArray(children).filter(isValidElement);
  return (
    <figure className="side-by-side">
      <div className="side-by-side__cols">
        {blocks.map((block, i) => {
          const language = isValidElement<{ children?: ReactNode; className?: string }>(block) ? languageOf(block.props) : null;
          return (
            <div key={i}>
              {language && <p className="side-by-side__label">{LANGUAGE_LABELS[language] ?? language}</p>}
              {block}
            </div>
          );
        })}
      </div>
      {caption && <figcaption>{caption}</figcaption>}
    </figure>
  );
}

export function Kbd({ children }: { children: ReactNode }) {
  return <kbd className="kbd">{children}</kbd>;
}

// pre and table replace Markdown's own, so every code block and table scrolls accessibly.
// ProseSection is not for authors: the build wraps each step's prose in it.
export const mdxComponents = { Callout, SideBySide, Kbd, TimeScale, ProseSection, pre: CodeBlock, table: Table } as unknown as Record<string, ComponentType<never>>;
