import type { RData } from "../model.ts";

export function rdataFromText(type: string, text: string, cls = "IN"): RData {
  throw new Error(`rdataFromText ${type} ${text} ${cls}: not yet`);
}
export function rdataToText(data: RData): string {
  throw new Error(`rdataToText ${data.kind}: not yet`);
}
export function rdataToWire(data: RData, options: { canonical?: boolean } = {}): Uint8Array {
  throw new Error(`rdataToWire ${data.kind} ${String(options.canonical)}: not yet`);
}
export function rdataFromWire(type: string, bytes: Uint8Array, cls = "IN"): RData {
  throw new Error(`rdataFromWire ${type} ${bytes.length} ${cls}: not yet`);
}
