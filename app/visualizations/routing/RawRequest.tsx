// The last text sent with TestClient.raw: the text itself with its line ends made visible, then
// what the parser read from it field by field — or the reason it refused the text.
import type { HttpParsedEvent } from "../../../workers/web/playground-routing";
import { outcome, type Lookup } from "./model";

function Lines({ text, bad }: { text: string; bad?: number }) {
  const lines = text.split(/(?<=\n)/);
  return (
    <pre className="routing-raw__text" aria-label="The raw request text, line ends shown">
      {lines.map((line, i) => {
        const end = line.endsWith("\r\n") ? "\r\n" : line.endsWith("\n") ? "\n" : "";
        const body = line.slice(0, line.length - end.length);
        return (
          <span key={i} className={bad === i + 1 ? "routing-raw__bad" : undefined}>
            {body}
            {end && <span className="routing-raw__eol">{end === "\r\n" ? "\\r\\n" : "\\n"}</span>}
            {end && "\n"}
          </span>
        );
      })}
    </pre>
  );
}

export function RawRequest({ event, lookup }: { event: HttpParsedEvent; lookup: Lookup | undefined }) {
  if (!event.ok) {
    return (
      <section className="routing-raw" aria-label="Raw request">
        <h3>Raw request: refused with 400</h3>
        <p className="routing-raw__reason">
          {event.reason}
          {event.line !== undefined && ` (line ${event.line})`}
        </p>
        <Lines text={event.text} bad={event.line} />
      </section>
    );
  }
  const r = event.request;
  const pairs = (list: [string, string][], sep: string) => (list.length === 0 ? <em>none</em> : list.map(([k, v], i) => <div key={i}>{`${k}${sep}${v}`}</div>));
  return (
    <section className="routing-raw" aria-label="Raw request">
      <h3>Raw request, parsed</h3>
      <Lines text={event.text} />
      <table className="routing-raw__fields">
        <tbody>
          <tr><th scope="row">Method</th><td>{r.method}</td></tr>
          <tr><th scope="row">Target</th><td>{r.target}</td></tr>
          <tr><th scope="row">Path</th><td>{r.path}</td></tr>
          <tr><th scope="row">Query</th><td>{pairs(r.query, " = ")}</td></tr>
          <tr><th scope="row">Version</th><td>{r.version}</td></tr>
          <tr><th scope="row">Headers</th><td>{pairs(r.headers, ": ")}</td></tr>
          <tr><th scope="row">Body</th><td>{r.body === "" ? <em>empty</em> : r.body}</td></tr>
          {lookup && (
            <tr>
              <th scope="row">Routed</th>
              <td>
                {outcome(lookup.event.strategy === "radix" ? lookup.event.radix : lookup.event.linear, lookup.table)}
                {lookup.response !== undefined && `, response ${lookup.response}`}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}
