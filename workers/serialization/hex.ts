// Bytes as hex, both ways: hex() spaces the pairs for reading; fromHex reads them back as
// Python's bytes.fromhex does (whitespace between pairs allowed, its ValueError otherwise).
import { PyException } from "./values.ts";

export const hexOf = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

export const spacedHex = (bytes: Uint8Array): string => hexOf(bytes).replace(/(..)(?!$)/g, "$1 ");

export function fromHex(text: string): Uint8Array {
  const out: number[] = [];
  const isHex = (c: string | undefined) => c !== undefined && /^[0-9a-fA-F]$/.test(c);
  for (let i = 0; i < text.length; ) {
    if (" \t\n\r\v\f".includes(text[i])) {
      i++;
      continue;
    }
    if (!isHex(text[i]) || !isHex(text[i + 1])) {
      const at = isHex(text[i]) ? i + 1 : i;
      throw new PyException("ValueError", `non-hexadecimal number found in fromhex() arg at position ${at}`);
    }
    out.push(parseInt(text.slice(i, i + 2), 16));
    i += 2;
  }
  return Uint8Array.from(out);
}
