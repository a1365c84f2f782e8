// Pydantic's `pattern` runs on Rust's regex crate, whose \d, \w and \b are Unicode-aware; JavaScript's
// are ASCII-only even with the `u` flag. This rewrites those classes to Unicode properties so
// "١٢٣" matches ^\d{3}$ as in Pydantic. What still differs: Rust refuses look-arounds and
// backreferences (accepted here), and Rust's inline flags such as (?i) are not rewritten.

const WORD = "\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\p{Join_Control}";

export function rustPattern(pattern: string): RegExp {
  let out = "";
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "\\" && i + 1 < pattern.length) {
      const next = pattern[++i];
      if (next === "d") out += "\\p{Nd}";
      else if (next === "D") out += "\\P{Nd}";
      else if (next === "w") out += inClass ? WORD : `[${WORD}]`;
      else if (next === "W" && !inClass) out += `[^${WORD}]`;
      else out += `\\${next}`;
      continue;
    }
    if (ch === "[" && !inClass) inClass = true;
    else if (ch === "]" && inClass) inClass = false;
    out += ch;
  }
  return new RegExp(out, "u");
}
