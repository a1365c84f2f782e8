// Starlette's path convertors. Each one carries Starlette's regex (the linear strategy compiles
// whole-route regexes from them, exactly as starlette.routing.compile_path does) and an equivalent
// hand-written test, so the radix strategy checks a value with a few char comparisons instead.

export type ConvertorName = "str" | "int" | "float" | "uuid" | "path";

export interface Convertor {
  readonly name: ConvertorName;
  /** Starlette's regex, written for JavaScript (see `path` for the one difference). */
  readonly regex: string;
  /** Whether `path.slice(start, end)` is a whole value for this convertor. */
  test(path: string, start: number, end: number): boolean;
  convert(raw: string): string | number;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isHex(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
}

function allDigits(path: string, start: number, end: number): boolean {
  if (end <= start) return false;
  for (let i = start; i < end; i++) if (!isDigit(path.charCodeAt(i))) return false;
  return true;
}

const str: Convertor = {
  name: "str",
  regex: "[^/]+",
  // Callers never hand over a range that crosses a "/".
  test: (_path, start, end) => end > start,
  convert: (raw) => raw,
};

const path: Convertor = {
  name: "path",
  // Python's "." is anything but "\n"; JavaScript's "." also refuses "\r" and U+2028/9.
  regex: "[^\\n]*",
  test: () => true,
  convert: (raw) => raw,
};

const int: Convertor = {
  name: "int",
  regex: "[0-9]+",
  test: allDigits,
  // Python's int is unbounded; past 2**53 a JavaScript number is the nearest double.
  convert: (raw) => Number(raw),
};

const float: Convertor = {
  name: "float",
  regex: "[0-9]+(?:\\.[0-9]+)?",
  test(path, start, end) {
    const dot = path.indexOf(".", start);
    if (dot === -1 || dot >= end) return allDigits(path, start, end);
    return allDigits(path, start, dot) && allDigits(path, dot + 1, end);
  },
  convert: (raw) => Number(raw),
};

// 8-4-4-4-12 hex digits, each dash optional: a dash is only ever allowed after these counts.
const UUID_GROUPS = [8, 4, 4, 4, 12];

const uuid: Convertor = {
  name: "uuid",
  regex: "[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}",
  test(path, start, end) {
    let i = start;
    for (let g = 0; g < UUID_GROUPS.length; g++) {
      if (g > 0 && path.charCodeAt(i) === 45) i++;
      for (let k = 0; k < UUID_GROUPS[g]; k++, i++) {
        if (i >= end || !isHex(path.charCodeAt(i))) return false;
      }
    }
    return i === end;
  },
  // str(uuid.UUID(value)): lower case, canonical dashes.
  convert(raw) {
    const hex = raw.replaceAll("-", "").toLowerCase();
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  },
};

export const CONVERTORS: Readonly<Record<ConvertorName, Convertor>> = { str, path, int, float, uuid };

export function isConvertorName(name: string): name is ConvertorName {
  return Object.hasOwn(CONVERTORS, name);
}
