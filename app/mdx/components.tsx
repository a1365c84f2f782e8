// The few components a lesson's MDX can use without importing them.
import type { ComponentType, ReactNode } from "react";

export function Callout({ type = "note", title, children }: { type?: "note" | "tip" | "warning"; title?: string; children: ReactNode }) {
  const label = title ?? { note: "Note", tip: "Tip", warning: "Watch out" }[type];
  return (
    <aside className={`callout callout--${type}`} aria-label={label}>
      <p className="callout__title">{label}</p>
      {children}
    </aside>
  );
}

/** The same idea in Python/FastAPI and in the playground's TypeScript, side by side. */
export function SideBySide({ python, typescript, caption }: { python: string; typescript: string; caption?: string }) {
  return (
    <figure className="side-by-side">
      <div className="side-by-side__cols">
        <div>
          <p className="side-by-side__label">Python (FastAPI)</p>
          <pre>
            <code className="language-python">{python.trim()}</code>
          </pre>
        </div>
        <div>
          <p className="side-by-side__label">TypeScript (playground)</p>
          <pre>
            <code className="language-ts">{typescript.trim()}</code>
          </pre>
        </div>
      </div>
      {caption && <figcaption>{caption}</figcaption>}
    </figure>
  );
}

export function Kbd({ children }: { children: ReactNode }) {
  return <kbd className="kbd">{children}</kbd>;
}

export const mdxComponents = { Callout, SideBySide, Kbd } as unknown as Record<string, ComponentType<never>>;
