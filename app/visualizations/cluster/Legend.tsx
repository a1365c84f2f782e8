// What the shapes and the tags beside the clients mean. Each kind of frame has a shape and a
// colour, so the shape alone tells it too.
import type { SegmentKind } from "./model";

const SHAPES: Record<SegmentKind, string> = {
  in: "M11,7A4,4 0 1 1 3,7A4,4 0 1 1 11,7Z",
  publish: "M3,3H11V11H3Z",
  delivery: "M7,1.5L12.5,7L7,12.5L1.5,7Z",
  out: "M7,2L12,11.5H2Z",
};

function Key({ kind, children }: { kind: SegmentKind | "lost"; children: string }) {
  return (
    <li className={`cluster-legend__item cluster-legend__item--${kind}`}>
      <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false">
        {kind === "lost" ? <path d="M3,3L11,11M11,3L3,11" /> : <path d={SHAPES[kind]} />}
      </svg>
      {children}
    </li>
  );
}

export function Legend({ broker }: { broker: boolean }) {
  return (
    <div className="cluster-legend" aria-hidden="true">
      <ul>
        <Key kind="in">frame in: client → worker</Key>
        <Key kind="out">frame out: worker → client</Key>
        {broker && <Key kind="publish">publish: worker → Redis</Key>}
        {broker && <Key kind="delivery">delivery: Redis → worker</Key>}
        <Key kind="lost">lost</Key>
      </ul>
      <p>Beside a client: 1006 lost · 4001, 4002… closed with that code · 403 refused · gone vanished · … connecting</p>
    </div>
  );
}
