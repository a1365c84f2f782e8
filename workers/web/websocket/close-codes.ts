// WebSocket close codes (RFC 6455 §7.4): what each registered code means, which ones may travel in
// a close frame, and the ranges left to libraries (3000–3999) and applications (4000–4999). The
// server checks every code the app sends on the wire against this, as the `websockets` library
// under uvicorn does; Starlette itself passes any code through.

export interface CloseCode {
  name: string;
  /** false: a code an endpoint reports to its own side, never sent in a close frame (§7.4.1). */
  sendable: boolean;
}

export const CLOSE_CODES: Readonly<Record<number, Readonly<CloseCode>>> = Object.freeze({
  1000: Object.freeze({ name: "Normal Closure", sendable: true }),
  1001: Object.freeze({ name: "Going Away", sendable: true }),
  1002: Object.freeze({ name: "Protocol Error", sendable: true }),
  1003: Object.freeze({ name: "Unsupported Data", sendable: true }),
  1004: Object.freeze({ name: "Reserved", sendable: false }),
  1005: Object.freeze({ name: "No Status Received", sendable: false }),
  1006: Object.freeze({ name: "Abnormal Closure", sendable: false }),
  1007: Object.freeze({ name: "Invalid Frame Payload Data", sendable: true }),
  1008: Object.freeze({ name: "Policy Violation", sendable: true }),
  1009: Object.freeze({ name: "Message Too Big", sendable: true }),
  1010: Object.freeze({ name: "Mandatory Extension", sendable: true }),
  1011: Object.freeze({ name: "Internal Error", sendable: true }),
  1012: Object.freeze({ name: "Service Restart", sendable: true }),
  1013: Object.freeze({ name: "Try Again Later", sendable: true }),
  1014: Object.freeze({ name: "Bad Gateway", sendable: true }),
  1015: Object.freeze({ name: "TLS Handshake", sendable: false }),
});

/** "Policy Violation", "application code", … or undefined for a code no one may use. */
export function closeCodeName(code: number): string | undefined {
  if (CLOSE_CODES[code]) return CLOSE_CODES[code].name;
  if (Number.isInteger(code) && code >= 3000 && code <= 3999) return "library code";
  if (Number.isInteger(code) && code >= 4000 && code <= 4999) return "application code";
  return undefined;
}

const WHY_RESERVED: Record<number, string> = {
  1004: "it is reserved for a future meaning",
  1005: "it is what an endpoint reports when a close frame carried no code",
  1006: "it is what an endpoint reports when the connection ended without any close frame",
  1015: "it is what an endpoint reports when the TLS handshake failed",
};

/** Why `code` may not be sent in a close frame, or undefined when it may. */
export function closeCodeProblem(code: number): string | undefined {
  if (!Number.isInteger(code)) return `a close code is a whole number, not ${String(code)}`;
  const known = CLOSE_CODES[code];
  if (known && !known.sendable) return `${code} (${known.name}) must never be sent in a close frame: ${WHY_RESERVED[code]} (RFC 6455 §7.4.1)`;
  if (known || (code >= 3000 && code <= 4999)) return undefined;
  return `${code} is not a close code an endpoint may send: use 1000–1003 or 1007–1014, or 3000–4999 for your own (RFC 6455 §7.4.2)`;
}
