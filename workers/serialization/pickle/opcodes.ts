// The pickle opcodes as pickletools describes them: code, name, how the argument is read, the
// protocol that introduced it, and its stack effect (what dis's stack emulation needs: names of
// the objects popped and pushed, with 'mark' and 'stackslice' as pickletools' markers).

export type ArgReader =
  | "uint1" | "uint2" | "int4" | "uint4" | "uint8"
  | "decimalnl_short" | "decimalnl_long" | "floatnl" | "float8" | "long1" | "long4"
  | "stringnl" | "stringnl_noescape" | "stringnl_noescape_pair" | "string1" | "string4"
  | "bytes1" | "bytes4" | "bytes8" | "bytearray8"
  | "unicodestringnl" | "unicodestring1" | "unicodestring4" | "unicodestring8";

export interface Opcode {
  code: string;
  name: string;
  arg: ArgReader | null;
  proto: number;
  before: readonly string[];
  after: readonly string[];
}

const M = "mark";
const S = "stackslice";

// [code, name, arg, proto, before, after]
const TABLE: [string, string, ArgReader | null, number, string[], string[]][] = [
  ["I", "INT", "decimalnl_short", 0, [], ["int_or_bool"]],
  ["J", "BININT", "int4", 1, [], ["int"]],
  ["K", "BININT1", "uint1", 1, [], ["int"]],
  ["M", "BININT2", "uint2", 1, [], ["int"]],
  ["L", "LONG", "decimalnl_long", 0, [], ["int"]],
  ["\x8a", "LONG1", "long1", 2, [], ["int"]],
  ["\x8b", "LONG4", "long4", 2, [], ["int"]],
  ["S", "STRING", "stringnl", 0, [], ["bytes_or_str"]],
  ["T", "BINSTRING", "string4", 1, [], ["bytes_or_str"]],
  ["U", "SHORT_BINSTRING", "string1", 1, [], ["bytes_or_str"]],
  ["B", "BINBYTES", "bytes4", 3, [], ["bytes"]],
  ["C", "SHORT_BINBYTES", "bytes1", 3, [], ["bytes"]],
  ["\x8e", "BINBYTES8", "bytes8", 4, [], ["bytes"]],
  ["\x96", "BYTEARRAY8", "bytearray8", 5, [], ["bytearray"]],
  ["\x97", "NEXT_BUFFER", null, 5, [], ["buffer"]],
  ["\x98", "READONLY_BUFFER", null, 5, ["buffer"], ["buffer"]],
  ["N", "NONE", null, 0, [], ["None"]],
  ["\x88", "NEWTRUE", null, 2, [], ["bool"]],
  ["\x89", "NEWFALSE", null, 2, [], ["bool"]],
  ["V", "UNICODE", "unicodestringnl", 0, [], ["str"]],
  ["\x8c", "SHORT_BINUNICODE", "unicodestring1", 4, [], ["str"]],
  ["X", "BINUNICODE", "unicodestring4", 1, [], ["str"]],
  ["\x8d", "BINUNICODE8", "unicodestring8", 4, [], ["str"]],
  ["F", "FLOAT", "floatnl", 0, [], ["float"]],
  ["G", "BINFLOAT", "float8", 1, [], ["float"]],
  ["]", "EMPTY_LIST", null, 1, [], ["list"]],
  ["a", "APPEND", null, 0, ["list", "any"], ["list"]],
  ["e", "APPENDS", null, 1, ["list", M, S], ["list"]],
  ["l", "LIST", null, 0, [M, S], ["list"]],
  [")", "EMPTY_TUPLE", null, 1, [], ["tuple"]],
  ["t", "TUPLE", null, 0, [M, S], ["tuple"]],
  ["\x85", "TUPLE1", null, 2, ["any"], ["tuple"]],
  ["\x86", "TUPLE2", null, 2, ["any", "any"], ["tuple"]],
  ["\x87", "TUPLE3", null, 2, ["any", "any", "any"], ["tuple"]],
  ["}", "EMPTY_DICT", null, 1, [], ["dict"]],
  ["d", "DICT", null, 0, [M, S], ["dict"]],
  ["s", "SETITEM", null, 0, ["dict", "any", "any"], ["dict"]],
  ["u", "SETITEMS", null, 1, ["dict", M, S], ["dict"]],
  ["\x8f", "EMPTY_SET", null, 4, [], ["set"]],
  ["\x90", "ADDITEMS", null, 4, ["set", M, S], ["set"]],
  ["\x91", "FROZENSET", null, 4, [M, S], ["frozenset"]],
  ["0", "POP", null, 0, ["any"], []],
  ["2", "DUP", null, 0, ["any"], ["any", "any"]],
  ["(", "MARK", null, 0, [], [M]],
  ["1", "POP_MARK", null, 1, [M, S], []],
  ["g", "GET", "decimalnl_short", 0, [], ["any"]],
  ["h", "BINGET", "uint1", 1, [], ["any"]],
  ["j", "LONG_BINGET", "uint4", 1, [], ["any"]],
  ["p", "PUT", "decimalnl_short", 0, [], []],
  ["q", "BINPUT", "uint1", 1, [], []],
  ["r", "LONG_BINPUT", "uint4", 1, [], []],
  ["\x94", "MEMOIZE", null, 4, ["any"], ["any"]],
  ["\x82", "EXT1", "uint1", 2, [], ["any"]],
  ["\x83", "EXT2", "uint2", 2, [], ["any"]],
  ["\x84", "EXT4", "int4", 2, [], ["any"]],
  ["c", "GLOBAL", "stringnl_noescape_pair", 0, [], ["any"]],
  ["\x93", "STACK_GLOBAL", null, 4, ["str", "str"], ["any"]],
  ["R", "REDUCE", null, 0, ["any", "any"], ["any"]],
  ["b", "BUILD", null, 0, ["any", "any"], ["any"]],
  ["i", "INST", "stringnl_noescape_pair", 0, [M, S], ["any"]],
  ["o", "OBJ", null, 1, [M, "any", S], ["any"]],
  ["\x81", "NEWOBJ", null, 2, ["any", "any"], ["any"]],
  ["\x92", "NEWOBJ_EX", null, 4, ["any", "any", "any"], ["any"]],
  ["\x80", "PROTO", "uint1", 2, [], []],
  [".", "STOP", null, 0, ["any"], []],
  ["\x95", "FRAME", "uint8", 4, [], []],
  ["P", "PERSID", "stringnl_noescape", 0, [], ["any"]],
  ["Q", "BINPERSID", null, 1, ["any"], ["any"]],
];

export const OPCODES: ReadonlyMap<number, Opcode> = new Map(
  TABLE.map(([code, name, arg, proto, before, after]) => [code.charCodeAt(0), { code, name, arg, proto, before, after }]),
);

export const MARK = M;

/** The byte of an opcode by name, for the pickler. */
export const OP: Readonly<Record<string, number>> = Object.fromEntries(TABLE.map(([code, name]) => [name, code.charCodeAt(0)]));
