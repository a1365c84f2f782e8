// The playground's Redis engine behind the RESP2 socket server, on the real clock: what
// `npm run redis-sim` runs, and what the bridge's tests and bench talk to.
import { createRedis } from "../index.ts";
import { startRespServer, type RespServer, type RespServerOptions } from "./server.ts";

export function startBridge(options: RespServerOptions = {}): Promise<RespServer> {
  return startRespServer(createRedis({ now: Date.now }), options);
}
