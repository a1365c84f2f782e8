// `playground/serialization` as lesson code imports it (types in learner-api.ts): the engine's
// functions, each telling the trace which bytes hold which field so the hex view can draw them.
// A factory per run; nothing here keeps state between runs.
import type * as LearnerApi from "./learner-api.ts";
import { MAX_TRACE_BYTES, type ByteField, type SerializationOp, type SerializationTrace } from "./trace.ts";
import * as values from "./values.ts";
import * as struct from "./struct/index.ts";

export interface SerializationModuleEnv {
  now(): number;
  trace(event: SerializationTrace): void;
}

const toBytes = (b: Uint8Array | readonly number[]) => (b instanceof Uint8Array ? b : Uint8Array.from(b));
const hexOf = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");

export function serializationModule(env: SerializationModuleEnv): typeof LearnerApi {
  // 1. Every operation goes through `traced`: bytes and fields on success, the Python error on failure.
  function traced<R>(op: SerializationOp, label: string, run: () => { result: R; bytes: Uint8Array; fields: ByteField[] }): R {
    try {
      const { result, bytes, fields } = run();
      const shown = bytes.subarray(0, MAX_TRACE_BYTES);
      env.trace({
        t: env.now(),
        source: "serialization",
        kind: "bytes",
        op,
        label,
        hex: hexOf(shown),
        length: bytes.length,
        truncated: bytes.length > shown.length,
        fields: fields.filter((f) => f.start < shown.length),
      });
      return result;
    } catch (e) {
      if (e instanceof values.PyException) env.trace({ t: env.now(), source: "serialization", kind: "error", op, label, type: e.type, message: e.message });
      throw e;
    }
  }
  const notYet = (name: string) => () => {
    throw new Error(`${name}: not built yet`);
  };
  return {
    struct: {
      pack: (format, ...args) => traced("struct.pack", format, () => {
        const { bytes, fields } = struct.pack(format, args);
        return { result: bytes, bytes, fields };
      }),
      unpack: (format, buffer) => traced("struct.unpack", format, () => {
        const bytes = toBytes(buffer);
        const { values: result, fields } = struct.unpack(format, bytes);
        return { result, bytes, fields };
      }),
      calcsize: (format) => struct.calcsize(format),
      iterUnpack: (format, buffer) => traced("struct.iter_unpack", format, () => {
        const bytes = toBytes(buffer);
        const { values: result, fields } = struct.iterUnpack(format, bytes);
        return { result, bytes, fields };
      }),
    },
    intToBytes: notYet("intToBytes") as never,
    intFromBytes: notYet("intFromBytes") as never,
    json: { dumps: notYet("json.dumps") as never, loads: notYet("json.loads") as never, sideBySide: notYet("json.sideBySide") as never },
    msgpack: { encode: notYet("msgpack.encode") as never, decode: notYet("msgpack.decode") as never },
    compare: notYet("compare") as never,
    pickle: { dumps: notYet("pickle.dumps") as never },
    pickletools: { dis: notYet("pickletools.dis") as never, optimize: notYet("pickletools.optimize") as never },
    explainPickle: notYet("explainPickle") as never,
    hex: (b) => hexOf(toBytes(b)).replace(/(..)(?!$)/g, "$1 "),
    fromHex: notYet("fromHex") as never,
    repr: notYet("repr") as never,
    float: values.float,
    tuple: values.tuple,
    bytearray: values.bytearray,
    frozenset: values.frozenset,
    complex: values.complex,
    date: values.date,
    instance: values.instance,
  };
}
