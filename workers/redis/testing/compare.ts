// Helpers for the replay and differential tests: a reply in the recordings' shape
// (errors as {error: text}), and the recordings' comparison of unordered replies.
import type { NodeRedisReply } from "../reply.ts";

export type Recorded = string | number | null | { error: string } | Recorded[];

/** A node-redis reply (nested Error objects included) in the recordings' shape. */
export function recorded(r: NodeRedisReply): Recorded {
  if (r instanceof Error) return { error: r.message };
  if (Array.isArray(r)) return r.map(recorded);
  return r;
}

/** Outcome of one sendCommand: the reply, or {error} when it rejected. */
export async function settle(p: Promise<NodeRedisReply>): Promise<Recorded> {
  try {
    return recorded(await p);
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** "compare every top-level array reply as a sorted multiset of String(element)". */
export function unorderedView(r: Recorded): Recorded {
  if (!Array.isArray(r)) return r;
  return r.map((x) => String(x)).sort();
}
