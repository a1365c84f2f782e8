// Errors as Node 20's dns module throws them (checked against a loopback server): the message is
// "<syscall> <code> <hostname>", with `code`, `syscall`, `hostname` and an `errno` that is
// undefined for queries and libuv's number for getaddrinfo (ENOTFOUND -3008, EAI_AGAIN -3001).
import type { Resolution } from "./learner-api.ts";

export type DnsErrorCode = "ENOTFOUND" | "ENODATA" | "ESERVFAIL" | "ETIMEOUT" | "EREFUSED" | "EFORMERR" | "EBADNAME" | "EAI_AGAIN";

const GETADDRINFO_ERRNO: Partial<Record<DnsErrorCode, number>> = { ENOTFOUND: -3008, EAI_AGAIN: -3001 };

export class NodeDnsError extends Error {
  readonly errno: number | undefined;
  constructor(
    readonly code: DnsErrorCode,
    readonly syscall: string,
    readonly hostname: string,
  ) {
    super(`${syscall} ${code} ${hostname}`);
    this.errno = syscall === "getaddrinfo" ? GETADDRINFO_ERRNO[code] : undefined;
  }
}

/** The syscall Node names for a record type: queryA, queryAaaa, queryMx, querySoa … */
export function syscallOf(type: string): string {
  return `query${type.charAt(0)}${type.slice(1).toLowerCase()}`;
}

/** The error a resolution is, for a Node-style call, or null when it answered records. */
export function errorOf(result: Resolution & { timedOut?: boolean }, wanted: number): DnsErrorCode | null {
  if (result.timedOut) return "ETIMEOUT";
  if (result.rcode === "SERVFAIL") return "ESERVFAIL";
  if (result.rcode === "NXDOMAIN") return "ENOTFOUND";
  return wanted > 0 ? null : "ENODATA";
}
