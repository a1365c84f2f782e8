// The page's cluster (workers/sandbox/hosted-engines.ts loads it): host.ts with each worker a Web
// Worker started from a blob: URL (spawn-node.ts).
import { createClusterHost } from "./host.ts";
import { createNodeWorker } from "./spawn-node.ts";

export default createClusterHost({ spawn: (name) => createNodeWorker(name) });
