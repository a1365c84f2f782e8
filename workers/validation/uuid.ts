// uuid.UUID as pydantic-core reads it with the uuid crate's Uuid::parse_str: 32 hex digits, in
// the simple form, hyphenated, braced {…} or as a urn:uuid: URN; any case. The value is the
// lowercase hyphenated form, as model_dump(mode="json") writes it. The parser's error texts are
// the crate's own.
import { type Run, Schema } from "./core.ts";

const HEX = /^[0-9a-fA-F]$/;
const GROUPS = [8, 4, 4, 4, 12];

/** The crate's error text for a text that is not a UUID, or undefined with the 32 digits. */
function parseUuid(text: string): { digits: string } | { error: string } {
  let s = text;
  let offset = 0;
  if (s.startsWith("urn:uuid:")) {
    s = s.slice(9);
    offset = 9;
  } else if (s.startsWith("{") && s.endsWith("}") && s.length === 38) {
    s = s.slice(1, -1);
    offset = 1;
  }
  const chars = [...s];
  const badChar = (i: number) => ({ error: `invalid character: found \`${chars[i]}\` at ${i + 1 + offset}` });
  if (chars.length === 32) {
    for (let i = 0; i < 32; i++) if (!HEX.test(chars[i])) return badChar(i);
    return { digits: s.toLowerCase() };
  }
  if (chars.length === 36) {
    let at = 0;
    for (let g = 0; g < GROUPS.length; g++) {
      for (let k = 0; k < GROUPS[g]; k++, at++) if (!HEX.test(chars[at])) return badChar(at);
      if (g < GROUPS.length - 1) {
        if (chars[at] !== "-") return { error: `invalid group count: expected 5, found ${g + 1}` };
        at++;
      }
    }
    return { digits: s.replaceAll("-", "").toLowerCase() };
  }
  // The crate reports the first bad character it meets before the length, when there is one.
  const firstBad = chars.findIndex((c) => !HEX.test(c) && c !== "-");
  if (firstBad >= 0) return badChar(firstBad);
  if (chars.includes("-")) return { error: `invalid group length in group 0: expected 8, found ${s.indexOf("-")}` };
  return { error: `invalid length: expected length 32 for simple format, found ${chars.length}` };
}

export class UuidSchema extends Schema<string> {
  readonly name = "uuid";

  exec(input: unknown, run: Run): unknown {
    if (typeof input !== "string") return run.fail("uuid_type", input);
    // Strict Python mode wants a UUID object, which text never is.
    if (this.strictIn(run)) return run.fail("is_instance_of", input, { class: "UUID" });
    const parsed = parseUuid(input);
    if ("error" in parsed) return run.fail("uuid_parsing", input, { error: parsed.error });
    // A str made into a UUID object is a conversion (smart unions prefer an exact str).
    run.lax();
    const d = parsed.digits;
    return `${d.slice(0, 8)}-${d.slice(8, 12)}-${d.slice(12, 16)}-${d.slice(16, 20)}-${d.slice(20)}`;
  }
}
