// pickle.dumps as CPython 3.11's C pickler (_pickle.c) writes it, opcode for opcode: the
// protocol header, framing from protocol 4, the memo (PUT/BINPUT/MEMOIZE after each container,
// string and global; GET when an object comes again), batches of 1000 for APPENDS/SETITEMS/
// ADDITEMS, and the reductions older protocols need for bytes, bytearray, set, frozenset,
// complex, date and plain instances (fix_imports naming builtins '__builtin__' below protocol 3).
//
// Identity: JavaScript objects (arrays, Maps, Uint8Arrays, PyTuples…) are the same Python object
// when they are the same JavaScript object, so shared and recursive structures pickle as CPython
// pickles them. Strings have no identity in JavaScript: equal strings count as one object, as
// equal string literals in one Python function are (and b'' and one-byte bytes, which CPython
// keeps one of each).
import { PyByteArray, PyComplex, PyDate, PyException, PyFloat, PyFrozenSet, PyInstance, PyTuple, type PyValue } from "../values.ts";
import { floatRepr } from "../repr.ts";
import { OP } from "./opcodes.ts";
import { Framer } from "./framer.ts";
import { ascii, getOp, littleEndian, putOp } from "./memo-ops.ts";
import { latin1, rawUnicodeEscape, utf8, utf8SurrogatePass } from "./text-codecs.ts";

const BATCHSIZE = 1000;
export const HIGHEST_PROTOCOL = 5;
export const DEFAULT_PROTOCOL = 4;

/** A module-level name the pickle refers to (a class or function), as save_global writes it. */
class Global {
  constructor(readonly module: string, readonly name: string) {}
}

// fix_imports: Python 3 module names as Python 2 knew them (the ones these reductions use).
const PY2_MODULES: Record<string, string> = { builtins: "__builtin__", copyreg: "copy_reg" };

type Picklable = PyValue | Global;

/** A fresh argument tuple (a new object, memoized on its own), which may hold globals. */
const tupleOf = (...items: Picklable[]) => new PyTuple(items as PyValue[]);

const le = littleEndian;

function isInt(v: Picklable): v is number | bigint {
  return typeof v === "bigint" || (typeof v === "number" && Number.isInteger(v) && !Object.is(v, -0));
}

function isDict(v: object): v is Map<PyValue, PyValue> | Record<string, PyValue> {
  return v instanceof Map || Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null;
}

export function dumps(value: PyValue, protocol: number = DEFAULT_PROTOCOL): Uint8Array {
  if (protocol < 0) protocol = HIGHEST_PROTOCOL;
  if (protocol > HIGHEST_PROTOCOL) throw new PyException("ValueError", `pickle protocol must be <= ${HIGHEST_PROTOCOL}`);
  const proto = protocol;
  const bin = proto >= 1;
  const out = new Framer();
  const memo = new Map<unknown, number>();
  const op = (...names: string[]) => out.write(names.map((n) => OP[n]));

  // CPython keeps one object for b'' and for each one-byte bytes, so those are shared by value too.
  const memoKey = (obj: Picklable): unknown =>
    typeof obj === "string"
      ? `\0str:${obj}`
      : obj instanceof Global
        ? `\0global:${obj.module} ${obj.name}`
        : obj instanceof Uint8Array && obj.length <= 1
          ? `\0bytes:${obj.join()}`
          : obj;

  function memoPut(obj: Picklable): void {
    const idx = memo.size;
    memo.set(memoKey(obj), idx);
    out.write(putOp(idx, proto));
  }

  function memoGet(idx: number): void {
    out.write(getOp(idx, proto));
  }

  function saveLong(x: bigint): void {
    // 1. Fits in a signed 4-byte int: INT text, or the shortest of BININT1/2/BININT.
    if (x >= -(2n ** 31n) && x < 2n ** 31n) {
      if (!bin) return out.write(ascii(`I${x}\n`));
      if (x >= 0n && x < 256n) return out.write([OP.BININT1, Number(x)]);
      if (x >= 0n && x < 65536n) return out.write([OP.BININT2, ...le(x, 2)]);
      return out.write([OP.BININT, ...le(x, 4)]);
    }
    // 2. Protocol 2+: two's complement little-endian bytes, LONG1 or LONG4.
    if (proto >= 2) {
      let n = 1;
      while (x < -(1n << BigInt(8 * n - 1)) || x >= 1n << BigInt(8 * n - 1)) n++;
      const bytes = le(x, n);
      return out.write(n < 256 ? [OP.LONG1, n, ...bytes] : [OP.LONG4, ...le(n, 4), ...bytes]);
    }
    // 3. Older protocols: the decimal text with Python 2's trailing L.
    out.write(ascii(`L${x}L\n`));
  }

  function saveFloat(x: number): void {
    if (bin) {
      const bytes = new Uint8Array(8);
      new DataView(bytes.buffer).setFloat64(0, x, false);
      out.write([OP.BINFLOAT, ...bytes]);
    } else out.write(ascii(`F${floatRepr(x)}\n`));
  }

  function saveUnicode(text: string): void {
    if (bin) {
      const data = utf8SurrogatePass(text);
      const size = data.length;
      if (size <= 0xff && proto >= 4) out.writeBytes([OP.SHORT_BINUNICODE, size], data);
      else if (size <= 0xffffffff) out.writeBytes([OP.BINUNICODE, ...le(size, 4)], data);
      else out.writeBytes([OP.BINUNICODE8, ...le(size, 8)], data);
    } else {
      out.write([OP.UNICODE]);
      out.write(rawUnicodeEscape(text));
      out.write([0x0a]);
    }
    memoPut(text);
  }

  function saveBytes(bytes: Uint8Array): void {
    if (proto < 3) {
      // No bytes opcode before protocol 3: codecs.encode(latin-1 text, 'latin1') rebuilds them.
      if (bytes.length === 0) return saveReduce(new Global("builtins", "bytes"), tupleOf(), bytes);
      return saveReduce(new Global("_codecs", "encode"), tupleOf(latin1(bytes), "latin1"), bytes);
    }
    const size = bytes.length;
    const header = size <= 0xff ? [OP.SHORT_BINBYTES, size] : size <= 0xffffffff ? [OP.BINBYTES, ...le(size, 4)] : [OP.BINBYTES8, ...le(size, 8)];
    out.writeBytes(header, bytes);
    memoPut(bytes);
  }

  function saveByteArray(array: PyByteArray): void {
    if (proto < 5) {
      const args = array.bytes.length === 0 ? tupleOf() : tupleOf(array.bytes.slice());
      return saveReduce(new Global("builtins", "bytearray"), args, array);
    }
    out.writeBytes([OP.BYTEARRAY8, ...le(array.bytes.length, 8)], array.bytes);
    memoPut(array);
  }

  function saveTuple(tuple: PyTuple): void {
    const items = tuple.items;
    if (items.length === 0) return bin ? op("EMPTY_TUPLE") : op("MARK", "TUPLE");
    const short = items.length <= 3 && proto >= 2;
    if (!short) op("MARK");
    for (const item of items) save(item);
    // Recursive: the tuple reached itself through its items, so it is in the memo now.
    const again = memo.get(memoKey(tuple));
    if (again !== undefined) {
      if (short) out.write(items.map(() => OP.POP));
      else if (bin) op("POP_MARK");
      else out.write(Array.from({ length: items.length + 1 }, () => OP.POP));
      return memoGet(again);
    }
    op(short ? ["EMPTY_TUPLE", "TUPLE1", "TUPLE2", "TUPLE3"][items.length] : "TUPLE");
    memoPut(tuple);
  }

  /** batch_list_exact: one item with APPEND, else MARK … APPENDS per 1000 items. */
  function listBatches(list: readonly PyValue[]): void {
    if (list.length === 1) {
      save(list[0]);
      return op("APPEND");
    }
    let i = 0;
    do {
      op("MARK");
      const stop = Math.min(i + BATCHSIZE, list.length);
      for (; i < stop; i++) save(list[i]);
      op("APPENDS");
    } while (i < list.length);
  }

  function saveList(list: readonly PyValue[]): void {
    op(...(bin ? ["EMPTY_LIST"] : ["MARK", "LIST"]));
    memoPut(list);
    if (list.length === 0) return;
    if (!bin) {
      for (const item of list) {
        save(item);
        op("APPEND");
      }
      return;
    }
    listBatches(list);
  }

  function saveDict(dict: Map<PyValue, PyValue> | Record<string, PyValue>): void {
    op(...(bin ? ["EMPTY_DICT"] : ["MARK", "DICT"]));
    memoPut(dict);
    const entries: [PyValue, PyValue][] = dict instanceof Map ? [...dict] : Object.entries(dict);
    if (entries.length === 0) return;
    const saveItem = ([k, v]: [PyValue, PyValue]) => {
      save(k);
      save(v);
    };
    if (!bin) {
      for (const entry of entries) {
        saveItem(entry);
        op("SETITEM");
      }
      return;
    }
    fullBatches(entries, saveItem, "SETITEM", "SETITEMS");
  }

  /** batch_dict_exact / save_set: like batches, but looping while the last batch was full. */
  function fullBatches<T>(items: readonly T[], saveOne: (item: T) => void, single: string | null, many: string): void {
    if (items.length === 1 && single) {
      saveOne(items[0]);
      return op(single);
    }
    let i = 0;
    let inBatch: number;
    do {
      op("MARK");
      inBatch = 0;
      while (i < items.length) {
        saveOne(items[i++]);
        if (++inBatch === BATCHSIZE) break;
      }
      op(many);
    } while (inBatch === BATCHSIZE);
  }

  function saveSet(set: ReadonlySet<PyValue>): void {
    if (proto < 4) return saveReduce(new Global("builtins", "set"), tupleOf([...set]), set);
    op("EMPTY_SET");
    memoPut(set);
    if (set.size === 0) return;
    fullBatches([...set], save, null, "ADDITEMS");
  }

  function saveFrozenSet(set: PyFrozenSet): void {
    if (proto < 4) return saveReduce(new Global("builtins", "frozenset"), tupleOf([...set.items]), set);
    op("MARK");
    for (const item of set.items) save(item);
    const again = memo.get(memoKey(set));
    if (again !== undefined) {
      op("POP_MARK");
      return memoGet(again);
    }
    op("FROZENSET");
    memoPut(set);
  }

  function saveGlobal(g: Global): void {
    if (proto >= 4) {
      save(g.module);
      save(g.name);
      op("STACK_GLOBAL");
    } else {
      const module = proto < 3 ? (PY2_MODULES[g.module] ?? g.module) : g.module;
      const encode = proto === 3 ? utf8 : ascii;
      out.write([OP.GLOBAL, ...encode(module), 0x0a, ...encode(g.name), 0x0a]);
    }
    memoPut(g);
  }

  /** save_reduce: callable and arguments (NEWOBJ for copyreg.__newobj__ from protocol 2), memo, state. */
  function saveReduce(callable: Global, args: PyTuple, obj: Picklable, state?: PyValue, newobj = false): void {
    if (newobj) {
      save(args.items[0]);
      save(tupleOf(...args.items.slice(1)));
      op("NEWOBJ");
    } else {
      save(callable);
      save(args);
      op("REDUCE");
    }
    const again = memo.get(memoKey(obj));
    if (again !== undefined) {
      op("POP");
      return memoGet(again);
    }
    memoPut(obj);
    if (state !== undefined) {
      save(state);
      op("BUILD");
    }
  }

  function saveInstance(obj: PyInstance): void {
    const cls = new Global(obj.module, obj.name);
    // object.__getstate__: the instance's __dict__, or nothing when it is empty.
    const state = obj.state.size ? new Map<PyValue, PyValue>(obj.state) : undefined;
    if (proto >= 2) return saveReduce(new Global("copyreg", "__newobj__"), tupleOf(cls), obj, state, true);
    saveReduce(new Global("copyreg", "_reconstructor"), tupleOf(cls, new Global("builtins", "object"), null), obj, state);
  }

  function save(obj: Picklable): void {
    out.opcodeBoundary();
    // 1. Atoms, never memoized.
    if (obj === null || obj === undefined) return op("NONE");
    if (typeof obj === "boolean") return proto >= 2 ? op(obj ? "NEWTRUE" : "NEWFALSE") : out.write(ascii(obj ? "I01\n" : "I00\n"));
    if (isInt(obj)) return saveLong(BigInt(obj));
    if (typeof obj === "number") return saveFloat(obj);
    if (obj instanceof PyFloat) return saveFloat(obj.value);
    // 2. Seen before: fetch it from the memo.
    const seen = memo.get(memoKey(obj));
    if (seen !== undefined) return memoGet(seen);
    // 3. By type.
    if (typeof obj === "string") return saveUnicode(obj);
    if (obj instanceof Uint8Array) return saveBytes(obj);
    if (obj instanceof Global) return saveGlobal(obj);
    if (obj instanceof PyTuple) return saveTuple(obj);
    if (Array.isArray(obj)) return saveList(obj);
    if (obj instanceof Set) return saveSet(obj);
    if (obj instanceof PyFrozenSet) return saveFrozenSet(obj);
    if (obj instanceof PyByteArray) return saveByteArray(obj);
    if (obj instanceof PyComplex) return saveReduce(new Global("builtins", "complex"), tupleOf(new PyFloat(obj.real), new PyFloat(obj.imag)), obj);
    if (obj instanceof PyDate) {
      const state = Uint8Array.of(obj.year >> 8, obj.year & 0xff, obj.month, obj.day);
      return saveReduce(new Global("datetime", "date"), tupleOf(state), obj);
    }
    if (obj instanceof PyInstance) return saveInstance(obj);
    if (typeof obj === "object" && isDict(obj)) return saveDict(obj);
    throw new PyException("TypeError", `cannot pickle '${typeof obj === "object" ? (obj.constructor?.name ?? "object") : typeof obj}' object`);
  }

  // The header, the value, STOP, and the last frame.
  if (proto >= 2) {
    out.write([OP.PROTO, proto]);
    if (proto >= 4) out.framing = true;
  }
  save(value);
  op("STOP");
  out.commitFrame();
  return out.bytes();
}
