// The DNS engine for Node code and tests: the simulated internet (internet.ts) and its parts.
// Lesson code gets the same through playground.ts as `playground/dns`.
import type * as Api from "./learner-api.ts";
import { Internet, type TraceSink } from "./internet.ts";

export { Internet } from "./internet.ts";
export { NodeDnsError } from "./errors.ts";
export { ATTACKER_ADDRESS, expectedPackets } from "./poison.ts";
export type { DnsTrace } from "./trace.ts";

export function createInternet(options: Api.InternetOptions = {}, sink: TraceSink = null): Internet {
  return new Internet(options, sink);
}
