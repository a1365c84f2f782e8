// The one-thread transport (transport.ts): every worker is a ClusterNode in this thread, on one
// virtual clock (virtual-time.ts). A message is copied with structuredClone as it is posted, as
// postMessage would, so nothing is shared by reference, and delivered through the clock after
// `latencyMs` (default 0.25 ms, a hop between processes on one machine): messages posted at one
// instant arrive together, in the order they were posted. Deterministic: the same code gives the
// same trace every run. For Node tests, and for lessons run in Node.
import { ClusterNode, errorText } from "./node.ts";
import type { FromNode, ToNode } from "./protocol.ts";
import type { Clock, ClusterTransport, Evaluate, NodeLink } from "./transport.ts";
import { VirtualTime } from "./virtual-time.ts";

export interface OneThreadOptions {
  /** How each worker evaluates the learner's module (Node: evaluateModule). */
  evaluate: Evaluate;
  /** Time a message takes either way, in ms (default 0.25). */
  latencyMs?: number;
  /** Hops without activity that end a drain (default 100: virtual-time.ts). */
  quietHops?: number;
}

export function oneThread(options: OneThreadOptions): ClusterTransport {
  const time = new VirtualTime(options.quietHops);
  const latencyMs = options.latencyMs ?? 0.25;
  const clock = time.clock;

  function spawn(_worker: number, onMessage: (message: FromNode) => void, onCrash?: (error: string) => void): NodeLink {
    let dead = false;
    const send = <M>(message: M, receive: (message: M) => void) => {
      if (dead) return;
      const copy = structuredClone(message);
      time.inFlight++;
      clock.setTimeout(() => {
        time.inFlight--;
        if (!dead) receive(copy);
      }, latencyMs);
    };
    // The worker's own timers die with it, as a terminated Web Worker's do.
    const nodeClock: Clock = {
      now: clock.now,
      setTimeout: (fire, ms) => clock.setTimeout(() => dead || fire(), ms),
      clearTimeout: clock.clearTimeout,
    };
    const node = new ClusterNode({ post: (message) => send(message, onMessage), clock: nodeClock, evaluate: options.evaluate });
    const toNode = (message: ToNode) => {
      try {
        node.handle(message);
      } catch (error) {
        dead = true;
        onCrash?.(errorText(error));
      }
    };
    return {
      post: (message) => send(message, toNode),
      kill: () => {
        dead = true;
      },
    };
  }

  return { clock, spawn, settle: () => time.settle(), sleep: (ms) => time.sleep(ms) };
}
