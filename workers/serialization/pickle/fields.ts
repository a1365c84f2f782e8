// The hex view's fields for a pickle: one per opcode, named, with its argument as pickletools
// prints it. A malformed pickle gives the fields up to where reading stopped.
import type { ByteField } from "../trace.ts";
import { repr } from "../repr.ts";
import { genops } from "./genops.ts";

export function pickleFields(data: Uint8Array): ByteField[] {
  const fields: ByteField[] = [];
  try {
    for (const { opcode, arg, pos, end } of genops(data)) fields.push({ start: pos, end, name: opcode.name, value: arg === undefined ? "" : repr(arg) });
  } catch {
    // The fields read so far are still worth showing.
  }
  return fields;
}
