// pickletools.optimize: the same pickle without the PUTs no GET uses, memo indices renumbered,
// framing redone (the protocol header kept, then pickle.py's framer over the copied opcodes).

/** pickle.py's _Framer: a frame is written when it reaches 64 KiB or is forced. */
class PyFramer {
  readonly out: number[] = [];
  frame: number[] | null = null;
  write(bytes: ArrayLike<number>): void {
    for (let i = 0; i < bytes.length; i++) (this.frame ?? this.out).push(bytes[i]);
  }
  commit(force = false): void {
    if (!this.frame || (this.frame.length < FRAME_SIZE_TARGET && !force)) return;
    if (this.frame.length >= 4) this.out.push(OP.FRAME, ...littleEndian(this.frame.length, 8));
    for (const b of this.frame) this.out.push(b);
    this.frame = [];
  }
}
import { OP } from "./opcodes.ts";
import { genops } from "./genops.ts";
import { FRAME_SIZE_TARGET } from "./framer.ts";
import { getOp, littleEndian, putOp } from "./memo-ops.ts";

type Step = { put: number } | { get: number } | { copy: [number, number] };


export function optimize(data: Uint8Array): Uint8Array {
  // 1. Walk the opcodes: which memo ids are put, which are got, what else to copy.
  const steps: Step[] = [];
  const putIds = new Set<string>();
  const used = new Map<string, number | null>();
  let proto = 0;
  let header = new Uint8Array(0);
  for (const { opcode, arg, pos, end } of genops(data)) {
    const key = String(typeof arg === "boolean" ? Number(arg) : arg);
    if (opcode.name.includes("PUT")) {
      putIds.add(key);
      steps.push({ put: Number(arg) });
    } else if (opcode.name === "MEMOIZE") {
      const idx = putIds.size;
      putIds.add(String(idx));
      steps.push({ put: idx });
    } else if (opcode.name.includes("FRAME")) {
      continue;
    } else if (opcode.name.includes("GET")) {
      proto = Math.max(proto, opcode.proto);
      used.set(key, null);
      steps.push({ get: Number(arg) });
    } else if (opcode.name === "PROTO") {
      proto = Math.max(proto, Number(arg));
      if (pos === 0) header = data.slice(pos, end);
      else steps.push({ copy: [pos, end] });
    } else steps.push({ copy: [pos, end] });
  }
  // 2. Write them again through pickle.py's framer: only the PUTs a GET needs, renumbered.
  const out = new PyFramer();
  out.write(header);
  if (proto >= 4) out.frame = [];
  let next = 0;
  for (const step of steps) {
    let bytes: ArrayLike<number>;
    let frameless = false;
    if ("put" in step) {
      if (!used.has(String(step.put))) continue;
      const idx = next++;
      used.set(String(step.put), idx);
      bytes = putOp(idx, proto);
    } else if ("get" in step) {
      const idx = used.get(String(step.get)) ?? 0;
      bytes = getOp(idx, proto);
    } else {
      bytes = data.subarray(step.copy[0], step.copy[1]);
      frameless = bytes.length > FRAME_SIZE_TARGET;
    }
    out.commit(frameless);
    if (frameless) for (let i = 0; i < bytes.length; i++) out.out.push(bytes[i]);
    else out.write(bytes);
  }
  if (out.frame && out.frame.length > 0) out.commit(true);
  return Uint8Array.from(out.out);
}
