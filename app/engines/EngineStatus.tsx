// The page's side of the hosted engines (workers/sandbox/hosted-engines.ts): how each one's state
// looks in the status bar, one line per engine. Everything else of an engine is in its host.
import type { ComponentType } from "react";
import type { HostedEngine, HostedEngineName, HostOf } from "../../workers/sandbox/hosted-engines";
import { ClusterStatus } from "./ClusterStatus";
import { PostgresStatus } from "./PostgresStatus";

const STATUS: { [N in HostedEngineName]: ComponentType<{ host: HostOf<N> }> } = {
  postgres: PostgresStatus,
  cluster: ClusterStatus,
};

/** The status of each of the lesson's hosted engines. */
export function EngineStatus({ engines }: { engines: readonly HostedEngine[] }) {
  return engines.map((host) => {
    const Status = STATUS[host.name as HostedEngineName] as ComponentType<{ host: HostedEngine }>;
    return <Status key={host.name} host={host} />;
  });
}
