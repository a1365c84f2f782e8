import type { DnsName, NameLike } from "./name.ts";

export function reverseName(address: string): DnsName {
  throw new Error(`reverseName ${address}: not yet`);
}
export function addressFromReverse(name: NameLike): string {
  throw new Error(`addressFromReverse ${String(name)}: not yet`);
}
