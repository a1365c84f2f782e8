// How Python's values look in TypeScript, in both directions (docs/architecture.md, "The
// serialization engine"). A learner writes plain values and gets plain values back wherever that
// loses nothing; a wrapper appears only where JavaScript cannot tell two Python values apart:
//
//   Python            TypeScript
//   None              null (undefined is accepted on the way in)
//   bool              boolean
//   int               number when it is a safe integer, else bigint (bigint is always accepted)
//   float             number when it is not integral (0.5, NaN, Infinity, -0); PyFloat when it is
//                     (float(1) is Python's 1.0 — a bare 1 would be the int 1)
//   str               string
//   bytes             Uint8Array
//   bytearray         PyByteArray
//   list              array
//   tuple             PyTuple (struct.unpack's result is an array, for destructuring)
//   dict              Map, or a plain object (string keys)
//   set / frozenset   Set / PyFrozenSet
//   complex, date     PyComplex, PyDate
//   an instance       PyInstance (module, class name, attribute dict)

export class PyFloat {
  readonly value: number;
  constructor(value: number) {
    this.value = Number(value);
  }
  valueOf(): number {
    return this.value;
  }
  toString(): string {
    return String(this.value);
  }
}

export class PyTuple {
  readonly items: readonly PyValue[];
  constructor(items: readonly PyValue[]) {
    this.items = Object.freeze([...items]);
  }
  get length(): number {
    return this.items.length;
  }
}

export class PyByteArray {
  readonly bytes: Uint8Array;
  constructor(bytes: Uint8Array | readonly number[]) {
    this.bytes = Uint8Array.from(bytes);
  }
}

export class PyFrozenSet {
  readonly items: readonly PyValue[];
  constructor(items: Iterable<PyValue>) {
    this.items = Object.freeze([...items]);
  }
}

export class PyComplex {
  readonly real: number;
  readonly imag: number;
  constructor(real: number, imag: number) {
    this.real = Number(real);
    this.imag = Number(imag);
  }
}

export class PyDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  constructor(year: number, month: number, day: number) {
    this.year = year;
    this.month = month;
    this.day = day;
  }
}

/** An instance of a class that pickles by its __dict__ (a plain class with attributes). */
export class PyInstance {
  readonly module: string;
  readonly name: string;
  readonly state: ReadonlyMap<string, PyValue>;
  constructor(module: string, name: string, state: Record<string, PyValue> | ReadonlyMap<string, PyValue>) {
    this.module = module;
    this.name = name;
    this.state = new Map(state instanceof Map ? state : Object.entries(state));
  }
}

export type PyValue =
  | null
  | undefined
  | boolean
  | number
  | bigint
  | string
  | PyFloat
  | Uint8Array
  | PyByteArray
  | PyTuple
  | PyFrozenSet
  | PyComplex
  | PyDate
  | PyInstance
  | readonly PyValue[]
  | ReadonlySet<PyValue>
  | ReadonlyMap<PyValue, PyValue>
  | { readonly [key: string]: PyValue };

/** A Python exception as CPython raises it: `type` is its class ('struct.error', 'OverflowError'). */
export class PyException extends Error {
  readonly type: string;
  constructor(type: string, message: string) {
    super(message);
    this.type = type;
    this.name = type;
  }
  toString(): string {
    return `${this.type}: ${this.message}`;
  }
}

/** json.loads' error, with where the text went wrong (pos counts code points from 0). */
export class JSONDecodeError extends PyException {
  readonly msg: string;
  readonly pos: number;
  readonly lineno: number;
  readonly colno: number;
  constructor(msg: string, pos: number, lineno: number, colno: number) {
    super("json.decoder.JSONDecodeError", `${msg}: line ${lineno} column ${colno} (char ${pos})`);
    this.msg = msg;
    this.pos = pos;
    this.lineno = lineno;
    this.colno = colno;
  }
}

export const float = (value: number): PyFloat => new PyFloat(value);
export const tuple = (...items: PyValue[]): PyTuple => new PyTuple(items);
export const bytearray = (bytes: Uint8Array | readonly number[]): PyByteArray => new PyByteArray(bytes);
export const frozenset = (items: Iterable<PyValue>): PyFrozenSet => new PyFrozenSet(items);
export const complex = (real: number, imag: number): PyComplex => new PyComplex(real, imag);
export const date = (year: number, month: number, day: number): PyDate => new PyDate(year, month, day);
export const instance = (module: string, name: string, state: Record<string, PyValue>): PyInstance =>
  new PyInstance(module, name, state);

/** A Python int as a learner receives it: a number while exact, else a bigint. */
export function intOut(value: bigint): number | bigint {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

/** A Python float as a learner receives it: a number unless integral (then PyFloat, so it stays a float). */
export function floatOut(value: number): number | PyFloat {
  return Number.isInteger(value) && !Object.is(value, -0) ? new PyFloat(value) : value;
}
