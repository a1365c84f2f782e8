// The cluster bench's page (bench/cluster.bench.ts drives it). The URL's hash picks the mode, and
// only that mode's module is loaded, so the blank-canvas peer loads nothing else:
//   #fanout-ours  one broadcast through Redis pub/sub to 10,000 clients over 8 Web Workers (fanout.ts)
//   #fanout-peer  the same broadcast from one worker's in-memory loop over the same clients
//   #viz-ours     the cluster visualization while 1,000 messages a second flow (viz.tsx)
//   #viz-peer     a blank canvas counting animation frames the same way (blank-canvas.ts)
// window.runClusterBench() runs the mode once and resolves to what it measured (messages.ts).
import { MODES, type Mode } from "./messages";

const mode = MODES.find((m) => location.hash === `#${m}`);
const status = document.getElementById("status")!;

async function load(mode: Mode): Promise<() => Promise<unknown>> {
  if (mode === "fanout-ours" || mode === "fanout-peer") return (await import("./fanout")).fanoutRun(mode);
  if (mode === "viz-ours") return (await import("./viz")).vizRun();
  return (await import("./blank-canvas")).blankCanvasRun();
}

if (!mode) status.textContent = `unknown mode ${location.hash}: one of ${MODES.map((m) => `#${m}`).join(", ")}`;
else {
  const run = await load(mode);
  Object.assign(window, { runClusterBench: run, clusterBenchMode: mode });
  status.textContent = `ready: ${mode}`;
}
