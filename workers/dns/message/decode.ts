import type { DecodedMessage, DecodeOptions } from "./model.ts";

export function decodeMessage(bytes: Uint8Array, options: DecodeOptions = {}): DecodedMessage {
  throw new Error(`decode ${bytes.length} ${String(options.raiseOnTruncation)}: not yet`);
}
