// The load balancer in front of the workers: it places each new connection on a live worker, and
// the connection stays there. Round-robin takes the live workers in turn; least-connections takes
// the live worker holding the fewest connections (a vanished client's phantom counts until a
// heartbeat drops it), the lowest number among equals.
import type { Balancer } from "./options.ts";

export interface Candidate {
  worker: number;
  alive: boolean;
  connections: number;
}

export class LoadBalancer {
  private last = 0;

  constructor(private readonly kind: Balancer) {}

  /** The worker for the next connection, or null when none is alive. */
  pick(candidates: readonly Candidate[]): number | null {
    if (this.kind === "least-connections") {
      let best: Candidate | null = null;
      for (const c of candidates) if (c.alive && (best === null || c.connections < best.connections)) best = c;
      return best?.worker ?? null;
    }
    const n = candidates.length;
    for (let step = 1; step <= n; step++) {
      const c = candidates[(this.last + step - 1) % n];
      if (c.alive) {
        this.last = c.worker;
        return c.worker;
      }
    }
    return null;
  }
}
