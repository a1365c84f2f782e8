// One pane of the right-hand column. Its title is a disclosure button that folds the pane; the
// visualization's bar also has Enlarge, which gives it the whole column. The pane scrolls as one
// region, so it takes focus (keyboard users scroll it with the arrow keys).
import { useId, type ReactNode } from "react";
import { isCollapsed, type SideLayout, type SidePaneId } from "./pane-layout";

interface Props {
  id: SidePaneId;
  title: string;
  body: ReactNode;
  layout: SideLayout;
  onToggle: () => void;
  onEnlarge?: () => void;
}

export function SidePane({ id, title, body, layout, onToggle, onEnlarge }: Props) {
  const bodyId = useId();
  const collapsed = isCollapsed(layout, id);
  return (
    <section className={`pane pane--side pane--${id}${collapsed ? " pane--collapsed" : ""}`} aria-label={title} tabIndex={collapsed ? undefined : 0}>
      <div className="pane__bar">
        <h2 className="pane__title">
          <button type="button" className="pane__toggle" aria-expanded={!collapsed} aria-controls={bodyId} onClick={onToggle}>
            <span className="pane__chevron" aria-hidden="true" />
            {title}
          </button>
        </h2>
        {onEnlarge && (
          <button type="button" className="button button--small button--quiet pane__enlarge" aria-pressed={layout.enlarged} aria-label={`Enlarge ${title.toLowerCase()}`} title={layout.enlarged ? "Give the other panes their room back" : "Give the visualization the whole column"} onClick={onEnlarge}>
            Enlarge
          </button>
        )}
      </div>
      <div id={bodyId} className="pane__body" hidden={collapsed}>
        {body}
      </div>
    </section>
  );
}
