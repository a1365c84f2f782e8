// The dns lesson's picture of a run, all of it from the trace up to the playhead: the walk the
// playhead stands in as a sequence diagram (a lane per server, latency on each answer) with its
// table of queries; the last message of that walk as annotated hex (the field of each byte on hover
// or focus); the caches of that walk's internet with TTLs counting down as the playhead moves; and,
// when the run raced forged packets, how many and why each was rejected. The picker goes through
// every resolution of the run (the learner's, the checks' and the reference resolver's) by
// moving the playhead.
import { useMemo } from "react";
import type { VisualizationProps } from "../Visualization";
import { Picker } from "../Picker";
import { RunPlaceholder } from "../RunPlaceholder";
import { HexView } from "../serialization/HexView";
import { CacheTable } from "./CacheTable";
import { HopTable } from "./HopTable";
import { RaceTable } from "./RaceTable";
import { SequenceDiagram } from "./SequenceDiagram";
import { cacheAt, describeWireByte, lanesOf, messageTitle, raceFor, shownMessage, walkOption, walkSummary, walkTitle, wireCells } from "./model";
import { currentWalk, readDns, type Walk } from "./read";
import "./dns.css";

export default function Dns({ store, view }: VisualizationProps) {
  const whole = useMemo(() => readDns(view.all), [view.all]);
  const run = useMemo(() => readDns(view.trace), [view.trace]);
  const options = useMemo(() => whole.walks.map((walk, i) => ({ walk, label: walkOption(walk, i) })), [whole.walks]);
  const walk = useMemo(() => currentWalk(run), [run]);
  const message = useMemo(() => (walk ? shownMessage(walk) : null), [walk]);
  const cells = useMemo(() => (message ? wireCells(message.wire) : []), [message]);
  const race = raceFor(run, walk?.net);

  if (!walk && !race) {
    return (
      <RunPlaceholder
        store={store}
        view={view}
        beforeFirstRun="Run your code to see each resolution walk the hierarchy, every message as bytes, and the resolvers' caches counting down."
        nothingInRun="This run sent no DNS query: create an internet with createInternet() from playground/dns and resolve a name."
      />
    );
  }

  const index = walk ? whole.walks.findIndex((w) => w.key === walk.key) : -1;
  const lines = walk ? cacheAt(run, walk.net, view.time) : [];
  return (
    <figure className="dns-viz">
      {options.length > 1 && <Picker label="Resolution" noun="resolution" items={options} index={index} optionText={(o) => o.label} onPick={(o) => view.showEvent(o.walk.last)} />}
      {walk && <WalkView walk={walk} run={run} onShow={view.showEvent} />}
      {message && (
        <section className="dns-section" aria-label="Message bytes">
          <h3>{messageTitle(message)}</h3>
          <HexView cells={cells} name={messageTitle(message)} length={message.wire.size} describe={(cell) => describeWireByte(message.wire, cell)} />
          <p className="dns-note" aria-hidden="true">
            colours: one per field (header, question, each record) · a name may end in a 2-byte pointer to an earlier copy
          </p>
        </section>
      )}
      {walk && (
        <section className="dns-section" aria-label="Caches">
          <h3>Caches</h3>
          <CacheTable lines={lines} time={view.time} />
        </section>
      )}
      {race && (
        <section className="dns-section" aria-label="Poisoning race">
          <h3>Poisoning race</h3>
          <RaceTable race={race} />
        </section>
      )}
    </figure>
  );
}

function WalkView({ walk, run, onShow }: { walk: Walk; run: ReturnType<typeof readDns>; onShow: VisualizationProps["view"]["showEvent"] }) {
  const lanes = lanesOf(walk, run);
  const summary = walkSummary(walk);
  const message = shownMessage(walk);
  return (
    <section className="dns-section" aria-label="The walk">
      <figcaption className="dns-viz__summary" aria-live="polite">
        {summary}
      </figcaption>
      <SequenceDiagram walk={walk} lanes={lanes} shown={message} onShow={onShow} summary={summary} />
      {walk.hops.length > 0 && (
        <details className="dns-details">
          <summary>Show the queries as a table</summary>
          <HopTable walk={walk} title={walkTitle(walk)} onShow={onShow} />
        </details>
      )}
    </section>
  );
}
