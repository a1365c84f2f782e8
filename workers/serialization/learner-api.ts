// What `import … from "playground/serialization"` gives lesson code: Python's byte-level
// serialization (struct, int.to_bytes/from_bytes, json, pickle as pickletools shows it) next to
// JavaScript's (JSON.stringify, MessagePack, structuredClone). Only the types live here;
// playground.ts is the runtime. Values cross as values.ts describes (number/bigint for int,
// PyFloat for an integral float, Uint8Array for bytes, PyTuple, Map/object for dict).
import type { PyFloat, PyValue, PyTuple, PyByteArray, PyFrozenSet, PyComplex, PyDate, PyInstance } from "./values.ts";
import type { CompareRow } from "./trace.ts";
import type { PickleExplanation } from "./pickle/explanation.ts";

export type { PyFloat, PyValue, PyTuple, PyByteArray, PyFrozenSet, PyComplex, PyDate, PyInstance } from "./values.ts";
export type { PyException, JSONDecodeError } from "./values.ts";
export type { CompareRow } from "./trace.ts";
export type { PickleExplanation, PickleCall } from "./pickle/explanation.ts";

/** Python's `struct` module: pack/unpack C structs with its format syntax ('<HI', '>q', '@bi', '!4sH'). Errors are PyException('struct.error', …) worded as CPython's. */
export declare const struct: {
  pack(format: string, ...values: PyValue[]): Uint8Array;
  /** The values as struct.unpack gives them (ints as number, or bigint beyond 2**53; floats as number/PyFloat; 's' as Uint8Array). */
  unpack(format: string, buffer: Uint8Array | readonly number[]): PyValue[];
  calcsize(format: string): number;
  iterUnpack(format: string, buffer: Uint8Array | readonly number[]): PyValue[][];
};

export interface IntBytesOptions {
  signed?: boolean;
}

/** `value.to_bytes(length, byteorder, signed=…)`; OverflowError("int too big to convert") as Python. */
export declare function intToBytes(value: number | bigint, length: number, byteorder: "big" | "little", options?: IntBytesOptions): Uint8Array;
/** `int.from_bytes(bytes, byteorder, signed=…)`: a number, or a bigint beyond 2**53. */
export declare function intFromBytes(bytes: Uint8Array | readonly number[], byteorder: "big" | "little", options?: IntBytesOptions): number | bigint;

export interface DumpsOptions {
  ensureAscii?: boolean;
  sortKeys?: boolean;
  indent?: number | string | null;
  separators?: [item: string, key: string] | null;
  allowNan?: boolean;
}

export interface LoadsOptions {
  /** How JSON objects come back: plain objects (default) or Maps, which keep Python's key order exactly. */
  dict?: "object" | "map";
}

/** One value as Python's json.dumps and JavaScript's JSON.stringify write it. */
export interface SideBySide {
  python: string;
  /** undefined when JSON.stringify writes nothing, or throws (then javascriptError says why). */
  javascript: string | undefined;
  javascriptError?: string;
  same: boolean;
}

/** Python's `json` module: the text Python writes, and Python's reading rules and error messages. */
export declare const json: {
  dumps(value: PyValue, options?: DumpsOptions): string;
  /** Throws JSONDecodeError ("Expecting value: line 1 column 1 (char 0)") as Python does. */
  loads(text: string, options?: LoadsOptions): PyValue;
  /** The same value written by Python's json.dumps and by JavaScript's JSON.stringify, side by side. */
  sideBySide(value: PyValue, options?: DumpsOptions): SideBySide;
};

/** MessagePack (through @msgpack/msgpack): JavaScript values in, bytes out. */
export declare const msgpack: {
  encode(value: unknown): Uint8Array;
  decode(bytes: Uint8Array): unknown;
};

/** Encodes `value` with JSON, Python's json, MessagePack and structuredClone: size, time, and what each loses. */
export declare function compare(value: unknown, options?: { repeat?: number }): CompareRow[];

/** Python's `pickle.dumps(value, protocol)` (default 4) with CPython's exact opcodes. Never loads. */
export declare const pickle: {
  dumps(value: PyValue, protocol?: number): Uint8Array;
};

/** Python's `pickletools`: dis gives its exact text; errors (truncated/garbage input) as it raises them. */
export declare const pickletools: {
  dis(bytes: Uint8Array | readonly number[]): string;
  optimize(bytes: Uint8Array | readonly number[]): Uint8Array;
};

/** Walks a pickle's opcodes symbolically (never executing) and says what loading it would do. */
export declare function explainPickle(bytes: Uint8Array | readonly number[]): PickleExplanation;

/** Bytes as spaced lowercase hex ("34 12"); `fromHex` reads it back (spaces ignored), as bytes.fromhex. */
export declare function hex(bytes: Uint8Array | readonly number[]): string;
export declare function fromHex(text: string): Uint8Array;
/** Python's repr() of a value ('1.0', "b'\\x00'", "(1,)", "{'a': 1}"). */
export declare function repr(value: PyValue): string;

export declare function float(value: number): PyFloat;
export declare function tuple(...items: PyValue[]): PyTuple;
export declare function bytearray(bytes: Uint8Array | readonly number[]): PyByteArray;
export declare function frozenset(items: Iterable<PyValue>): PyFrozenSet;
export declare function complex(real: number, imag: number): PyComplex;
export declare function date(year: number, month: number, day: number): PyDate;
/** An instance of class `module.name` whose __dict__ is `state` (pickles as copyreg/NEWOBJ + BUILD). */
export declare function instance(module: string, name: string, state: Record<string, PyValue>): PyInstance;
