// `playground/serialization` as lesson code imports it (types in learner-api.ts): the engine's
// functions, each telling the trace which bytes hold which field so the hex view can draw them
// (and, on failure, the Python exception). A factory per run; nothing here outlives the run.
import type * as LearnerApi from "./learner-api.ts";
import { MAX_TRACE_BYTES, type ByteField, type SerializationOp, type SerializationTrace } from "./trace.ts";
import * as values from "./values.ts";
import * as struct from "./struct/index.ts";
import { intFromBytes, intToBytes } from "./int-bytes.ts";
import { dumps } from "./json/dumps.ts";
import { loads } from "./json/loads.ts";
import * as msgpack from "./msgpack.ts";
import { compare } from "./compare.ts";
import { dumps as pickleDumps } from "./pickle/dumps.ts";
import { dis } from "./pickle/dis.ts";
import { optimize } from "./pickle/optimize.ts";
import { explainPickle } from "./pickle/explain.ts";
import { pickleFields } from "./pickle/fields.ts";
import { repr } from "./repr.ts";
import { fromHex, hexOf, spacedHex } from "./hex.ts";
import { toJavaScript } from "./javascript.ts";

export interface SerializationModuleEnv {
  now(): number;
  trace(event: SerializationTrace): void;
}

const toBytes = (b: Uint8Array | readonly number[]) => (b instanceof Uint8Array ? b : Uint8Array.from(b));
const utf8 = (text: string) => new TextEncoder().encode(text);

export function serializationModule(env: SerializationModuleEnv): typeof LearnerApi {
  // Every operation goes through `traced`: its bytes and fields on success, the Python exception
  // on failure (rethrown to the learner).
  function traced<R>(op: SerializationOp, label: string, run: () => { result: R; bytes: Uint8Array; fields?: ByteField[] }): R {
    try {
      const { result, bytes, fields = [] } = run();
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

  const intField = (bytes: Uint8Array, value: number | bigint, byteorder: string, signed: boolean): ByteField[] =>
    bytes.length ? [{ start: 0, end: bytes.length, name: signed ? "signed int" : "unsigned int", value: String(value), byteOrder: byteorder as "big" | "little" }] : [];

  return {
    struct: {
      pack: (format, ...args) =>
        traced("struct.pack", format, () => {
          const { bytes, fields } = struct.pack(format, args);
          return { result: bytes, bytes, fields };
        }),
      unpack: (format, buffer) =>
        traced("struct.unpack", format, () => {
          const bytes = toBytes(buffer);
          const { values: result, fields } = struct.unpack(format, bytes);
          return { result, bytes, fields };
        }),
      calcsize: (format) => struct.calcsize(format),
      iterUnpack: (format, buffer) =>
        traced("struct.iter_unpack", format, () => {
          const bytes = toBytes(buffer);
          const { values: result, fields } = struct.iterUnpack(format, bytes);
          return { result, bytes, fields };
        }),
    },
    intToBytes: (value, length, byteorder, options = {}) =>
      traced("int.to_bytes", `${byteorder}, ${options.signed ? "signed" : "unsigned"}`, () => {
        const bytes = intToBytes(value, length, byteorder, options.signed ?? false);
        return { result: bytes, bytes, fields: intField(bytes, value, byteorder, options.signed ?? false) };
      }),
    intFromBytes: (buffer, byteorder, options = {}) =>
      traced("int.from_bytes", `${byteorder}, ${options.signed ? "signed" : "unsigned"}`, () => {
        const bytes = toBytes(buffer);
        const result = intFromBytes(bytes, byteorder, options.signed ?? false);
        return { result, bytes, fields: intField(bytes, result, byteorder, options.signed ?? false) };
      }),
    json: {
      dumps: (value, options) =>
        traced("json.dumps", "python", () => {
          const text = dumps(value, options);
          return { result: text, bytes: utf8(text) };
        }),
      loads: (text, options) =>
        traced("json.loads", "python", () => ({ result: loads(String(text), options), bytes: utf8(String(text)) })),
      sideBySide: (value, options) => {
        const python = dumps(value, options);
        let javascript: string | undefined;
        let javascriptError: string | undefined;
        try {
          javascript = JSON.stringify(toJavaScript(value));
        } catch (e) {
          javascriptError = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
        }
        return { python, javascript, same: python === javascript, ...(javascriptError ? { javascriptError } : {}) };
      },
    },
    msgpack: {
      encode: (value) =>
        traced("msgpack.encode", "msgpack", () => {
          const bytes = msgpack.encode(value);
          return { result: bytes, bytes, fields: msgpack.fields(bytes) };
        }),
      decode: (buffer) =>
        traced("msgpack.decode", "msgpack", () => {
          const bytes = toBytes(buffer);
          return { result: msgpack.decode(bytes), bytes, fields: msgpack.fields(bytes) };
        }),
    },
    compare: (value, options = {}) => {
      const rows = compare(value, { now: env.now, structuredClone: typeof structuredClone === "function" ? structuredClone : undefined, repeat: options.repeat });
      env.trace({ t: env.now(), source: "serialization", kind: "compare", rows });
      return rows;
    },
    pickle: {
      dumps: (value, protocol) =>
        traced("pickle.dumps", `protocol ${protocol ?? 4}`, () => {
          const bytes = pickleDumps(value, protocol);
          return { result: bytes, bytes, fields: pickleFields(bytes) };
        }),
    },
    pickletools: {
      dis: (buffer) =>
        traced("pickletools.dis", "dis", () => {
          const bytes = toBytes(buffer);
          return { result: dis(bytes), bytes, fields: pickleFields(bytes) };
        }),
      optimize: (buffer) => optimize(toBytes(buffer)),
    },
    explainPickle: (buffer) =>
      traced("explain_pickle", "explain", () => {
        const bytes = toBytes(buffer);
        const explanation = explainPickle(bytes);
        env.trace({ t: env.now(), source: "serialization", kind: "explain", calls: explanation.calls.map((c) => c.sentence), safe: explanation.safe });
        return { result: explanation, bytes, fields: pickleFields(bytes) };
      }),
    hex: (b) => spacedHex(toBytes(b)),
    fromHex,
    repr,
    float: values.float,
    tuple: values.tuple,
    bytearray: values.bytearray,
    frozenset: values.frozenset,
    complex: values.complex,
    date: values.date,
    instance: values.instance,
  };
}
