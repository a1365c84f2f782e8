// Redis's glob matcher (util.c stringmatchlen), rule for rule: `*`, `?`, `[...]` with `^`
// negation, `a-z` ranges (either order) and `\` escapes inside and outside brackets; an
// unterminated `[` runs to the end of the pattern. Used by KEYS, SCAN MATCH, PSUBSCRIBE and
// PUBSUB CHANNELS. Bytes compare as C's signed chars, as on x86.

function sc(code: number): number {
  return code > 127 ? code - 256 : code;
}

function lower(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

export function globMatch(pattern: string, str: string, nocase = false): boolean {
  const skip = { longer: false };
  return match(pattern, 0, pattern.length, str, 0, str.length, nocase, skip);
}

function match(
  pat: string,
  p: number,
  plen: number,
  str: string,
  s: number,
  slen: number,
  nocase: boolean,
  skip: { longer: boolean },
): boolean {
  while (plen > 0 && slen > 0) {
    const pc = pat.charCodeAt(p);
    if (pc === 42 /* * */) {
      while (plen > 0 && pat.charCodeAt(p + 1) === 42) {
        p++;
        plen--;
      }
      if (plen === 1) return true;
      while (slen > 0) {
        if (match(pat, p + 1, plen - 1, str, s, slen, nocase, skip)) return true;
        if (skip.longer) return false;
        s++;
        slen--;
      }
      skip.longer = true;
      return false;
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
      if (!matched) return false;
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
      if (nocase ? lower(q) !== lower(c) : q !== c) return false;
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
  return plen === 0 && slen === 0;
}
