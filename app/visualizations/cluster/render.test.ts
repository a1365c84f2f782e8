// The picture rendered to HTML from a synthetic trace at several moments of the playhead, as the
// lesson page would render it: the structure, the counters and the text alternative.
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { TraceEvent } from "../../../workers/trace";
import Cluster from "./Cluster";
import { busyCluster, syntheticRun } from "./testing/synthetic";
import { finishedRun, viewAt } from "./testing/view";

const all: TraceEvent[] = syntheticRun();
const store = finishedRun(all);

function render(trace: readonly TraceEvent[], time: number | null): string {
  return renderToString(createElement(Cluster, { store: finishedRun(trace), view: viewAt(trace, time) }));
}

/** The words a reader gets: tags dropped, entities decoded, spaces collapsed. */
function words(html: string): string {
  return html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}

const timeOf = (match: (e: TraceEvent) => boolean) => all.find(match)!.t;

describe("the cluster picture, rendered", () => {
  it("says there is nothing to draw before the first cluster event", () => {
    expect(words(renderToString(createElement(Cluster, { store, view: { ...viewAt(all, 0), trace: [] } })))).toContain("Nothing to draw yet");
  });

  it("shows the in-memory cluster once a broadcast has gone out: each worker's counters and who the message missed", () => {
    const lastOut = all.filter((e) => e.source === "cluster" && e.cluster === 1 && e.kind === "out" && e.msg === 1).at(-1)!;
    const html = render(all, lastOut.t + 70);
    const text = words(html);
    expect(html).toContain('role="img"');
    expect(html).toContain("<canvas");
    for (const w of [1, 2, 3, 4]) expect(text).toContain(`worker ${w}`);
    expect(text).toContain("Cluster 1 of 2");
    expect(text).toContain("6 connections in 1 · out 6"); // worker 1's box
    expect(text).toContain("not used"); // the broker
    expect(text).toContain("Message 1 from client 1 on worker 1 reached 6 of 24 clients (18 missed: never left worker 1).");
    expect(text).toContain("1 message, 18 clients missed: never left worker 1.");
    // The picker lists both clusters and shows the first.
    expect(html).toMatch(/<option value="0" selected="">Cluster 1 · 4 workers · 24 clients<\/option>/);
    expect(html).toContain("Cluster 2 · 4 workers · 27 clients · Redis pub/sub");
  });

  it("says a message is on its way while its dots travel", () => {
    const sent = timeOf((e) => e.source === "cluster" && e.cluster === 2 && e.kind === "in" && e.msg === 4);
    expect(words(render(all, sent))).toContain("Message 4 from client 3 on worker 3 is on its way to worker 3.");
  });

  it("shows the pub/sub cluster at its end: the killed worker, the broker, the closes and every loss", () => {
    const html = render(all, null);
    const text = words(html);
    expect(text).toContain("Cluster 2 of 2 · 4 workers, round-robin");
    expect(text).toContain("11 published");
    expect(text).toContain("✕ 1 to no one");
    expect(text).toContain("Message 10 from client 6 on worker 2 reached 18 of 24 clients (6 missed: worker 3 killed).");
    expect(text).toContain("Client 25 on worker 1: closed by the app with 4001 “not authenticated”.");
    expect(text).toContain("Client 26 on worker 2: closed by the app with 4002 “authentication timed out”.");
    expect(text).toContain("Client 27 on worker 3: handshake refused with HTTP 403.");
    expect(text).toContain("Clients 3, 7, 11, 15, 19, 23 on worker 3: connection lost (1006), worker killed.");
    expect(text).toContain("27 3 refused, HTTP 403"); // the table of every client
    expect(text).toContain("1 message, 24 clients missed: published to 0 receivers.");
    expect(text).toContain("3 frames sent to clients that had already gone, lost on the way.");
    expect(text).toContain("3 running (restarted) 0"); // worker 3's row: restarted, no connections
    // At the end of a finished run every frame has arrived: nothing is left on its way.
    expect(text).toContain("Message 12 from client 8 on worker 4 reached all 17 clients.");
    expect(text).not.toContain("on its way");
    // The client column: codes beside the pills.
    for (const tag of ["4001", "4002", "403", "1006"]) expect(html).toMatch(new RegExp(`cluster-svg__tag[^>]*>${tag}<`));
  });

  it("crosses out a worker while it is down", () => {
    const killed = timeOf((e) => e.source === "cluster" && e.kind === "worker" && e.state === "killed");
    const html = render(all, killed);
    expect(html).toContain("cluster-svg__worker--killed");
    expect(html).toContain("cluster-svg__crossed");
    expect(words(html)).toContain("✕ killed");
    expect(words(html)).toContain("3 killed 0");
  });

  it("draws many clients as one block per worker with counts", () => {
    const busy = busyCluster({ workers: 8, clients: 200, messages: 20 });
    const text = words(render(busy, null));
    expect(text).toContain("25 clients 25 open 0 ended");
    expect(text).toContain("worker 1 25 connections in 3 · out 500");
    // Beyond eight workers, each box says it in two lines.
    expect(words(render(busyCluster({ workers: 12, clients: 48, messages: 2 }), null))).toContain("w1 · 4 conn in 1 · out 8");
  });
});
