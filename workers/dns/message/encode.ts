import type { DnsMessage, EncodeOptions, WireField } from "./model.ts";

export interface EncodedMessage {
  bytes: Uint8Array;
  fields: WireField[];
}
export function encodeMessage(msg: DnsMessage, options: EncodeOptions = {}): Uint8Array {
  return encodeWithFields(msg, options).bytes;
}
export function encodeWithFields(msg: DnsMessage, options: EncodeOptions = {}): EncodedMessage {
  throw new Error(`encode ${msg.id} ${String(options.compress)}: not yet`);
}
