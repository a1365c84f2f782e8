// The serialization engine (docs/architecture.md, "The serialization engine"): Python's struct,
// int.to_bytes/from_bytes, json and pickle (as pickletools shows it) byte for byte, plus
// MessagePack and structuredClone for comparison. Plain functions over values.ts's model;
// playground.ts wraps them for lesson code and the trace.
export * from "./values.ts";
export * as struct from "./struct/index.ts";
export { intFromBytes, intToBytes } from "./int-bytes.ts";
export { dumps as jsonDumps, type DumpsOptions } from "./json/dumps.ts";
export { loads as jsonLoads, type LoadsOptions } from "./json/loads.ts";
export * as msgpack from "./msgpack.ts";
export { compare, differences } from "./compare.ts";
export { dumps as pickleDumps, DEFAULT_PROTOCOL, HIGHEST_PROTOCOL } from "./pickle/dumps.ts";
export { dis as pickleDis, DisError } from "./pickle/dis.ts";
export { optimize as pickleOptimize } from "./pickle/optimize.ts";
export { explainPickle, type PickleExplanation, type PickleCall } from "./pickle/explain.ts";
export { pickleFields } from "./pickle/fields.ts";
export { repr, floatRepr } from "./repr.ts";
export { fromHex, hexOf, spacedHex } from "./hex.ts";
