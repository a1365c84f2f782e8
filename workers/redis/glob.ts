// Redis's glob matcher (util.c stringmatchlen), rule for rule: `*`, `?`, `[...]` with `^`
// negation, `a-z` ranges (either order) and `\` escapes inside and outside brackets; an
// unterminated `[` runs to the end of the pattern. Used by KEYS, SCAN MATCH, PSUBSCRIBE and
// PUBSUB CHANNELS. Bytes compare as C's signed chars, as on x86.
//
// Redis recurses once per `*`; this walks the same steps in a loop, so a pattern of thousands of
// stars cannot overflow the JavaScript stack. One resumption point is enough: in Redis a call that
// has entered its own `*` loop only ever returns "match" or "no match, and stop trying longer
// matches" (skipLongerMatches), so only the innermost `*` is ever retried at its next byte.

/** Redis 7.0.15 as Debian ships it gives up past this many nested `*` (its abusive-pattern guard). */
const MAX_NESTING = 1000;

function sc(code: number): number {
  return code > 127 ? code - 256 : code;
}

function lower(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/** Where a match stands: the rest of the pattern, and the rest of the string it must match. */
interface Cursor {
  p: number;
  plen: number;
  s: number;
  slen: number;
}

export function globMatch(pattern: string, str: string, nocase = false): boolean {
  const at: Cursor = { p: 0, plen: pattern.length, s: 0, slen: str.length };
  // The innermost `*`: the pattern after it, and the next place in the string to try that from.
  let star: Cursor | null = null;
  let nesting = 0;
  for (;;) {
    const step = matchUntilStar(pattern, str, nocase, at);
    if (step === "match") return true;
    if (step === "star") {
      // Every try below this `*` is one level deeper; past the limit all of them fail, and so,
      // once the `*` has run out of string, does the whole match.
      if (++nesting > MAX_NESTING) return false;
      star = { p: at.p + 1, plen: at.plen - 1, s: at.s, slen: at.slen };
    } else {
      // The rest failed from here: let the innermost `*` take one more byte. When it has taken
      // them all, an earlier `*` taking more could only start the rest later still: no match.
      if (star === null) return false;
      star.s++;
      star.slen--;
      if (star.slen === 0) return false;
    }
    Object.assign(at, star);
  }
}

/**
 * Runs stringmatchlen's loop from `at` until it decides, or until it reaches a `*` that has more
 * pattern after it (then `at.p` is on that `*`, the last of a run of them).
 */
function matchUntilStar(pat: string, str: string, nocase: boolean, at: Cursor): "match" | "no match" | "star" {
  let { p, plen, s, slen } = at;
  while (plen > 0 && slen > 0) {
    const pc = pat.charCodeAt(p);
    if (pc === 42 /* * */) {
      while (plen > 0 && pat.charCodeAt(p + 1) === 42) {
        p++;
        plen--;
      }
      if (plen === 1) return "match";
      at.p = p;
      at.plen = plen;
      at.s = s;
      at.slen = slen;
      return "star";
    } else if (pc === 63 /* ? */) {
      s++;
      slen--;
    } else if (pc === 91 /* [ */) {
      p++;
      plen--;
      const not = pat.charCodeAt(p) === 94; /* ^ */
      if (not) {
        p++;
        plen--;
      }
      let matched = false;
      const c0 = str.charCodeAt(s);
      for (;;) {
        const cur = plen > 0 ? pat.charCodeAt(p) : 0;
        if (cur === 92 /* \ */ && plen >= 2) {
          p++;
          plen--;
          if (pat.charCodeAt(p) === c0) matched = true;
        } else if (cur === 93 /* ] */ && plen > 0) {
          break;
        } else if (plen === 0) {
          p--;
          plen++;
          break;
        } else if (plen >= 3 && pat.charCodeAt(p + 1) === 45 /* - */) {
          let start = sc(pat.charCodeAt(p));
          let end = sc(pat.charCodeAt(p + 2));
          let c = sc(c0);
          if (start > end) [start, end] = [end, start];
          if (nocase) {
            start = lower(start);
            end = lower(end);
            c = lower(c);
          }
          p += 2;
          plen -= 2;
          if (c >= start && c <= end) matched = true;
        } else if (!nocase) {
          if (cur === c0) matched = true;
        } else if (lower(cur) === lower(c0)) {
          matched = true;
        }
        p++;
        plen--;
      }
      if (not) matched = !matched;
      if (!matched) return "no match";
      s++;
      slen--;
    } else {
      let q = pc;
      if (pc === 92 /* \ */ && plen >= 2) {
        p++;
        plen--;
        q = pat.charCodeAt(p);
      }
      const c = str.charCodeAt(s);
      if (nocase ? lower(q) !== lower(c) : q !== c) return "no match";
      s++;
      slen--;
    }
    p++;
    plen--;
    if (slen === 0) {
      while (plen > 0 && pat.charCodeAt(p) === 42) {
        p++;
        plen--;
      }
      break;
    }
  }
  return plen === 0 && slen === 0 ? "match" : "no match";
}
