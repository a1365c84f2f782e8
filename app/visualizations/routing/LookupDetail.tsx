// One request's lookup in words: what the app answered, each step of the radix walk in order,
// and the regexes the linear scan tried before its first match.
import { comparisons, disagree, outcome, targetOf, type Lookup, type Walk } from "./model";

export function LookupDetail({ lookup, walk }: { lookup: Lookup; walk: Walk }) {
  const { event, table } = lookup;
  const own = event.strategy === "radix" ? event.radix : event.linear;
  const probeAt = event.linear.steps.findIndex((s) => s.kind === "redirect-probe");
  const linearFirst = probeAt === -1 ? event.linear.steps : event.linear.steps.slice(0, probeAt);
  const regexes = linearFirst.flatMap((s) => (s.kind === "regex" ? [s] : []));
  return (
    <div className="routing-detail">
      <p className="routing-detail__head">
        <code>
          {event.method} {targetOf(event)}
        </code>{" "}
        → the app's router ({event.strategy === "radix" ? "radix" : "linear, as FastAPI"}) answered <strong>{outcome(own, table)}</strong>
        {lookup.response !== undefined && lookup.response !== own.status && (
          <>
            ; the response was <strong>{lookup.response}</strong>
          </>
        )}
      </p>
      {disagree(event) && (
        <p className="routing-detail__differ" role="note">
          The strategies differ here: linear scan → {outcome(event.linear, table)}; radix tree → {outcome(event.radix, table)}.
        </p>
      )}
      <p className="routing-detail__label">Radix walk ({comparisons(event.radix.comparisons)}):</p>
      <ol className="routing-steps">
        {walk.steps.map((s) => (
          <li key={s.n} className={s.matched ? "routing-steps__ok" : "routing-steps__no"}>
            <span className="routing-steps__n">{s.n}</span> {s.text} <span aria-label={s.matched ? "matched" : "no match"}>{s.matched ? "✓" : "✗"}</span>
          </li>
        ))}
      </ol>
      {walk.staticHit && <p className="routing-detail__note">The static map answered in one lookup: the tree was not walked.</p>}
      {walk.probe && <p className="routing-detail__note">Nothing matched, so both routers then tried {walk.probe} for a 307 redirect (not drawn).</p>}
      <p className="routing-detail__label">Linear scan ({comparisons(event.linear.comparisons)}), in declaration order:</p>
      <ol className="routing-steps">
        {regexes.map((s, i) => (
          <li key={i} className={s.matched ? "routing-steps__ok" : "routing-steps__no"}>
            <span className="routing-steps__n">{i + 1}</span> <code>{table?.routes[s.route]?.path ?? `route ${s.route}`}</code>{" "}
            <span aria-label={s.matched ? "matched" : "no match"}>{s.matched ? "✓" : "✗"}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
