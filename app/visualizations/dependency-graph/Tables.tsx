// The text alternative: the request's resolution order and teardown order as tables, and the
// order of events (resolve, endpoint, response, teardown) as a short list.
import { OUTCOME, teardownClass, teardownOutcome } from "./labels";
import type { Phase, RequestView } from "./model";

function phaseText(p: Phase): string {
  switch (p.kind) {
    case "resolve":
      return `resolve ×${p.count}`;
    case "endpoint":
      return p.error ? `${p.name} raised ${p.error}` : `${p.name} returned`;
    case "teardown":
      return `↩ ${p.teardown.name} ${p.teardown.passedOn ? "passed it on" : OUTCOME[p.teardown.outcome]}`;
    case "handled":
      return `handler for ${p.error}`;
    case "response":
      return `response ${p.status}`;
    case "background":
      return `task ${p.name}`;
    case "unhandled":
      return `unhandled ${p.error}`;
  }
}

export function Phases({ view }: { view: RequestView }) {
  return (
    <ol className="dependency-graph__phases" aria-label="What happened, in order">
      {view.phases.map((p, i) => (
        <li key={i} className={`dependency-graph__phase dependency-graph__phase--${p.kind === "teardown" ? teardownClass(p.teardown) : p.kind}`}>
          {phaseText(p)}
        </li>
      ))}
    </ol>
  );
}

function OrderTable({ caption, columns, rows, empty }: { caption: string; columns: string[]; rows: (string | number)[][]; empty: string }) {
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row[0]}>
            {row.map((cell, i) => (
              <td key={i}>{cell}</td>
            ))}
          </tr>
        ))}
        {rows.length === 0 && (
          <tr>
            <td colSpan={columns.length}>{empty}</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

export function Tables({ view }: { view: RequestView }) {
  const f = view.failure;
  return (
    <div className="dependency-graph__tables">
      <OrderTable
        caption="Resolution order"
        columns={["#", "Dependency", "Needed by", "How"]}
        rows={view.steps.map((s) => [
          s.order,
          s.name,
          s.parent,
          s.how === "cached" ? "cache hit" : f?.id === s.id && s.id !== 0 ? `called, raised ${f.error}` : "called",
        ])}
        empty="No dependencies were resolved."
      />
      <OrderTable
        caption="Teardown order"
        columns={["#", "Dependency", "Outcome", "When"]}
        rows={view.teardowns.map((t) => [t.order, t.name, teardownOutcome(t), t.afterResponse ? "after the response" : "before the response"])}
        empty="Nothing was torn down: no yield dependency finished its setup."
      />
      {f && (
        <p>
          {f.afterResponse ? "After the response was sent, " : "Cut short: "}
          {f.where} raised {f.error}
          {view.endpoint && !view.endpoint.ran ? "; the endpoint did not run." : "."}
        </p>
      )}
    </div>
  );
}
