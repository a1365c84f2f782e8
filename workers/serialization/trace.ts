// What `playground/serialization` reports, so the hex view can show each byte with the field and
// value it belongs to. Bytes are sent as hex and capped (MAX_TRACE_BYTES): a learner packing a
// megabyte still traces in bounded space, and `length` tells the real size.

/** One field of a byte string: bytes [start, end) hold `value`. */
export interface ByteField {
  start: number;
  end: number;
  /** What the field is: a struct code ('<H' item 0 → 'H'), a pickle opcode ('BININT1'), 'pad'. */
  name: string;
  /** The value as Python's repr writes it ('4660', "b'ab'", "'x'"), or '' for padding. */
  value: string;
  byteOrder?: "big" | "little";
}

export type SerializationOp =
  | "struct.pack"
  | "struct.unpack"
  | "struct.iter_unpack"
  | "int.to_bytes"
  | "int.from_bytes"
  | "json.dumps"
  | "json.loads"
  | "msgpack.encode"
  | "msgpack.decode"
  | "pickle.dumps"
  | "pickletools.dis"
  | "explain_pickle";

export interface SerializationBytesTrace {
  t: number;
  source: "serialization";
  kind: "bytes";
  op: SerializationOp;
  /** What was asked: the struct format, 'big, signed', 'protocol 4'. */
  label: string;
  /** The bytes (the first MAX_TRACE_BYTES of them) as lowercase hex. */
  hex: string;
  length: number;
  truncated: boolean;
  /** The fields that lie within the bytes sent, in order. */
  fields: ByteField[];
}

export interface SerializationErrorTrace {
  t: number;
  source: "serialization";
  kind: "error";
  op: SerializationOp;
  label: string;
  /** The Python exception class ('struct.error') and its message. */
  type: string;
  message: string;
}

/** One format's row of a comparison (compare()). */
export interface CompareRow {
  format: "json" | "python-json" | "msgpack" | "structuredClone";
  /** Encoded size in bytes (UTF-8 for text), null where the format has no byte form (structuredClone). */
  bytes: number | null;
  encodeMs: number;
  decodeMs: number;
  /** Whether decoding gave back a value equal to the original (deep, types included). */
  roundTrips: boolean;
  /** What came back different, in words ("Date became a string", "Map became {}"); [] when nothing. */
  lost: string[];
  /** Why the format could not encode the value at all, when it threw. */
  error?: string;
}

export interface SerializationCompareTrace {
  t: number;
  source: "serialization";
  kind: "compare";
  rows: CompareRow[];
}

export interface SerializationExplainTrace {
  t: number;
  source: "serialization";
  kind: "explain";
  /** What loading would do, one sentence per call ("loading this would call os.system('echo pwned')"). */
  calls: string[];
  safe: boolean;
}

export type SerializationTrace =
  | SerializationBytesTrace
  | SerializationErrorTrace
  | SerializationCompareTrace
  | SerializationExplainTrace;

export const MAX_TRACE_BYTES = 4096;
