// How many nodes Redis's radix tree (rax.c) has for a stream's node keys: XINFO STREAM reports it
// as radix-tree-nodes. Every key is an ID's 16 bytes, big-endian, so none is a prefix of another,
// and rax keeps such a tree in one shape: the head, a node where keys part ways (a branch), a node
// just past each branching byte, and a node at each key's end; a run with no parting between them
// is a single compressed node.
import type { StreamID } from "./stream-id.ts";

const KEY_BYTES = 16;

/** The key's bytes as 32 hex digits (two per byte), so that a prefix of n bytes is 2n digits. */
function hex(id: StreamID): string {
  return id.toString(16).padStart(2 * KEY_BYTES, "0");
}

/** Common prefix length, in bytes, of two keys. */
function commonBytes(a: string, b: string): number {
  let i = 0;
  while (i < 2 * KEY_BYTES && a[i] === b[i]) i++;
  return i >> 1;
}

/** rax->numnodes for these keys (sorted ascending). */
export function radixNodeCount(sortedKeys: StreamID[]): number {
  if (sortedKeys.length === 0) return 1;
  const keys = sortedKeys.map(hex);
  const nodes = new Set<string>([""]);
  for (const k of keys) nodes.add(k);
  // Each branch is where two neighbours in key order part: its node, and one node per byte after it.
  for (let i = 0; i + 1 < keys.length; i++) {
    const depth = commonBytes(keys[i], keys[i + 1]);
    const prefix = keys[i].slice(0, 2 * depth);
    nodes.add(prefix);
    nodes.add(keys[i].slice(0, 2 * depth + 2));
    nodes.add(keys[i + 1].slice(0, 2 * depth + 2));
  }
  return nodes.size;
}
