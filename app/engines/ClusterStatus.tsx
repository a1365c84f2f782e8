// The cluster a lesson runs (its host: workers/cluster/host.ts): while a run is going on, one
// button per worker to kill it, as `kill -9` would — its clients see 1006 and the picture shows it
// — and, once it is down, to start it afresh.
import { useStore } from "zustand";
import type { ClusterHost } from "../../workers/cluster/host";

export function ClusterStatus({ host }: { host: ClusterHost }) {
  const { workers, running } = useStore(host.state);
  if (!running && workers.length === 0) return null;
  return (
    <div className="engine-status engine-status--wrap" aria-label="Cluster">
      <span className="engine-status__label">{running ? "Workers of this run:" : "Workers of the last run:"}</span>
      {workers.map(({ worker, alive }) =>
        alive || !running ? (
          <button
            key={worker}
            type="button"
            className="button button--small"
            disabled={!running}
            aria-label={running ? `Kill worker ${worker}` : `Worker ${worker} (the run has ended)`}
            onClick={() => host.killWorker(worker)}
          >
            {running ? `Kill ${worker}` : `${worker}`}
          </button>
        ) : (
          <button key={worker} type="button" className="button button--small" aria-label={`Restart worker ${worker}`} onClick={() => host.restartWorker(worker)}>
            ↻ {worker}
          </button>
        ),
      )}
    </div>
  );
}
