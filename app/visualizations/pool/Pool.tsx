// The connection-pooling lesson's picture of a run: the app's connections (busy, idle, opening),
// the callers queued for one and the server's slots against max_connections, over the run's
// virtual time; then the same at the playhead's moment in words, the errors, and the latency.
// All of it from the pool engine's trace (workers/pool/trace.ts), up to the playhead.
import { useMemo } from "react";
import type { VisualizationProps } from "../Visualization";
import { RunPlaceholder } from "../RunPlaceholder";
import { useWidth } from "../use-width";
import { readPool, stateAt } from "./model";
import { PoolChart } from "./PoolChart";
import { ErrorTable, LatencyTable, MomentTable, OpenCostTable, SimulationTable } from "./Tables";
import "./pool.css";

export default function Pool({ store, view }: VisualizationProps) {
  const whole = useMemo(() => readPool(view.all), [view.all]);
  const run = useMemo(() => readPool(view.trace), [view.trace]);
  const [figure, width] = useWidth<HTMLElement>(420);

  if (whole.points.length === 0) {
    return (
      <RunPlaceholder
        store={store}
        view={view}
        beforeFirstRun="Run your code to see your pool's connections open, fill and queue callers, and Postgres's connection slots against max_connections."
        nothingInRun="This run opened no pool and no connection, so there is nothing to draw."
      />
    );
  }
  const at = stateAt(run, view.time);
  return (
    <figure className="pool-viz" ref={figure}>
      <figcaption className="pool-viz__summary">
        {run.served} served, {run.failed} failed · {run.opened} connections opened · at most {run.peakServer} server connections
        {whole.maxConnections !== undefined && <> of {whole.maxConnections}</>}
        {!view.atEnd && <> · so far</>}
      </figcaption>
      <PoolChart run={run} whole={whole} time={view.time} width={width} />
      <MomentTable at={at} run={run} />
      <LatencyTable run={run} />
      <ErrorTable run={run} />
      <SimulationTable run={run} />
      <OpenCostTable run={run} />
    </figure>
  );
}
