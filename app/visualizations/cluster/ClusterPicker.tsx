// A run may start several clusters: this lists them and moves the playhead to the end of the one
// chosen (the picture shows the last cluster begun by the playhead). It holds no state of its own.
import { Picker } from "../Picker";
import type { ClusterInfo } from "./model";

function optionText(c: ClusterInfo): string {
  return `Cluster ${c.cluster} · ${c.workers} workers · ${c.clients.length} clients${c.usesBroker ? " · Redis pub/sub" : ""}`;
}

export function ClusterPicker({ clusters, shown, onPick }: { clusters: readonly ClusterInfo[]; shown: ClusterInfo; onPick: (c: ClusterInfo) => void }) {
  return <Picker label="Cluster" noun="cluster" items={clusters} index={clusters.indexOf(shown)} optionText={optionText} onPick={onPick} />;
}
