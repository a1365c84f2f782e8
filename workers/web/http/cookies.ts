// The Cookie request header as Starlette reads it (starlette.requests.cookie_parser): pairs split
// on ";", each on its first "=", both sides trimmed; a piece without "=" is a value with an empty
// name (as browsers treat it); a later repeat of a name wins. A value in double quotes is
// unquoted as Python's http.cookies does (\" and \\ escapes, \ooo octal); others are kept as sent,
// with no percent-decoding.

const ESCAPE = /\\(?:([0-3][0-7][0-7])|(.))/g;

function unquoteCookie(value: string): string {
  if (value.length < 2 || !value.startsWith('"') || !value.endsWith('"')) return value;
  return value.slice(1, -1).replace(ESCAPE, (_m, octal: string | undefined, char: string | undefined) =>
    octal ? String.fromCharCode(parseInt(octal, 8)) : (char ?? ""),
  );
}

export function parseCookies(header: string): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const chunk of header.split(";")) {
    const eq = chunk.indexOf("=");
    const key = (eq < 0 ? "" : chunk.slice(0, eq)).trim();
    const value = (eq < 0 ? chunk : chunk.slice(eq + 1)).trim();
    if (key || value) cookies[key] = unquoteCookie(value);
  }
  return cookies;
}
