// One step's part of the prose (build/remark-step-sections.ts wraps it). Only the step the page
// shows renders; outside a lesson page (no provider) every step does.
import { createContext, useContext, type ReactNode } from "react";

/** The step shown, or null for all of them. */
export const ShownStep = createContext<number | null>(null);

export function ProseSection({ step, children }: { step: string; children: ReactNode }) {
  const shown = useContext(ShownStep);
  if (shown !== null && Number(step) !== shown) return null;
  // Focusable by script only: moving to a step puts the keyboard at its start (LessonProse).
  return (
    <div className="prose-step" tabIndex={-1}>
      {children}
    </div>
  );
}
