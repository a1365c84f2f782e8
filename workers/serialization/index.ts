// The serialization engine (docs/architecture.md, "The serialization engine"): Python's struct,
// int.to_bytes/from_bytes, json and pickle (as pickletools shows it) byte for byte, plus
// MessagePack and structuredClone for comparison. Plain functions over values.ts's model.
export * from "./values.ts";
export * as struct from "./struct/index.ts";
