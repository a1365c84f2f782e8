// A run may start several clusters: this lists them and moves the playhead to the end of the one
// chosen (the picture shows the last cluster begun by the playhead). It holds no state of its own.
import { useId } from "react";
import type { ClusterInfo } from "./model";

function optionText(c: ClusterInfo): string {
  return `Cluster ${c.cluster} · ${c.workers} workers · ${c.clients.length} clients${c.usesBroker ? " · Redis pub/sub" : ""}`;
}

export function ClusterPicker({ clusters, shown, onPick }: { clusters: readonly ClusterInfo[]; shown: ClusterInfo; onPick: (c: ClusterInfo) => void }) {
  const id = useId();
  const index = clusters.indexOf(shown);
  return (
    <div className="cluster-picker">
      <label htmlFor={id}>Cluster</label>
      <button type="button" aria-label="Previous cluster" disabled={index <= 0} onClick={() => onPick(clusters[index - 1])}>
        ‹
      </button>
      <select id={id} value={index} onChange={(e) => onPick(clusters[Number(e.target.value)])}>
        {clusters.map((c, i) => (
          <option key={c.cluster} value={i}>
            {optionText(c)}
          </option>
        ))}
      </select>
      <button type="button" aria-label="Next cluster" disabled={index === clusters.length - 1} onClick={() => onPick(clusters[index + 1])}>
        ›
      </button>
    </div>
  );
}
