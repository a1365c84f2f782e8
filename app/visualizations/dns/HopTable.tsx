// The walk as a table, the sequence diagram's text alternative: one row per query with its time,
// the server, the question, what came back and the latency. Each row's button moves the playhead
// to that message, so the hex view above shows its bytes.
import type { TraceEvent } from "../../../workers/trace";
import { SidewaysScroll } from "../../shell/SidewaysScroll";
import { bare, outcomeText, questionText } from "./model";
import type { Walk } from "./read";

export function HopTable({ walk, title, onShow }: { walk: Walk; title: string; onShow: (e: TraceEvent) => void }) {
  const start = walk.first.t;
  return (
    <SidewaysScroll label="Queries">
      <table className="dns-table">
        <caption>Queries of {title}</caption>
        <thead>
          <tr>
            <th scope="col">at</th>
            <th scope="col">server</th>
            <th scope="col">question</th>
            <th scope="col">came back</th>
            <th scope="col">bytes</th>
          </tr>
        </thead>
        <tbody>
          {walk.hops.map((hop) => {
            const o = hop.outcome;
            return (
              <tr key={hop.query.query}>
                <td>+{Math.round(hop.query.t - start)} ms</td>
                <th scope="row">{bare(hop.query.server)}</th>
                <td>
                  <code>{questionText(hop.query)}</code> id {hop.query.msgId}, port {hop.query.port}
                </td>
                <td>
                  {outcomeText(hop)}
                  {o?.kind === "response" && ` after ${o.rttMs} ms`}
                </td>
                <td>
                  <button type="button" className="dns-show" onClick={() => onShow(hop.query)} aria-label={`Show the bytes of query ${hop.query.query}`}>
                    {hop.query.wire.size}
                  </button>
                  {o?.kind === "response" && (
                    <>
                      {" / "}
                      <button type="button" className="dns-show" onClick={() => onShow(o)} aria-label={`Show the bytes of the response to query ${hop.query.query}`}>
                        {o.wire.size}
                      </button>
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </SidewaysScroll>
  );
}
