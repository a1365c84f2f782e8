// `playground/dns` as lesson code imports it (types in learner-api.ts): `createInternet` builds a
// simulated internet per call, its virtual clock placed on the run's axis and its trace events
// forwarded to the run. Each internet is numbered (`net` in its events) and starts where the last
// one's events ended (or at the run's clock, if later), so the checks' internets follow the
// learner's on one axis instead of piling up at t = 0.
//
// Awaiting: the internet's clock pumps itself (sim-clock.ts), so `await` on a query or a
// resolution resolves as soon as the simulation reaches the answer, costing no wall time.
import type { TraceEvent } from "../trace.ts";
import type * as LearnerApi from "./learner-api.ts";
import { VirtualClock } from "../shared/virtual-clock.ts";
import { Cache } from "./cache.ts";
import { NodeDnsError } from "./errors.ts";
import { Internet } from "./internet.ts";
import { Network } from "./network.ts";
import { RecursiveResolver } from "./resolver.ts";
import { SimClock } from "./sim-clock.ts";
import { Transport } from "./transport.ts";
import { ZoneData } from "./zone.ts";

export interface DnsModuleEnv {
  now(): number;
  trace(event: TraceEvent): void;
}

/**
 * The classes behind what learner code holds, shared by every internet of the run (the checks'
 * included): frozen, so learner code cannot rewrite how the reference resolver or a server answers.
 */
const CLASSES = [Internet, Cache, NodeDnsError, Network, RecursiveResolver, SimClock, Transport, ZoneData, VirtualClock];

function freeze(): void {
  for (const c of CLASSES) {
    for (let proto: object | null = c.prototype; proto && proto !== Object.prototype && proto !== Error.prototype; proto = Object.getPrototypeOf(proto)) {
      Object.freeze(proto);
      Object.freeze((proto as { constructor: object }).constructor);
    }
  }
}

export function dnsModule(env: DnsModuleEnv): typeof LearnerApi {
  freeze();
  let axisEnd = 0;
  let internets = 0;
  function createInternet(options: LearnerApi.InternetOptions = {}): LearnerApi.Internet {
    // 1. This internet's place on the run's axis.
    const net = ++internets;
    const base = Math.max(axisEnd, env.now());
    axisEnd = base;
    // 2. Its events, stamped there (the engine hands each body over once and keeps none).
    return new Internet(options, (body, t) => {
      const at = base + t;
      axisEnd = Math.max(axisEnd, at);
      env.trace({ ...body, t: at, source: "dns", net } as TraceEvent);
    });
  }
  return { createInternet } as typeof LearnerApi;
}
