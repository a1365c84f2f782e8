// The DNS engine's message layer (docs/architecture.md, "The DNS engine: messages"): RFC 1035
// messages to bytes and back as dnspython 2.8 writes and reads them, names and record data in
// presentation text. Plain functions over model.ts's data; the resolver and the simulated
// internet (workers/dns) are built on these.
export type {
  DecodedMessage,
  DecodeOptions,
  DnsMessage,
  Edns,
  EdnsOptions,
  EncodeOptions,
  Flags,
  Header,
  QueryOptions,
  Question,
  RData,
  ResourceRecord,
  ResponseOptions,
  RRset,
  WireField,
} from "./model.ts";
export * from "./errors.ts";
export {
  type DnsName,
  type NameLike,
  type NameRelation,
  ROOT,
  nameFromText,
  nameToText,
  nameToWire,
  nameFromLabels,
  canonicalName,
  namesEqual,
  isSubdomain,
  relativize,
  parentName,
  fullCompare,
  canonicalCompare,
} from "./name.ts";
export { reverseName, addressFromReverse } from "./reverse.ts";
export { typeToText, typeFromText, classToText, classFromText } from "./types.ts";
export { flagsFromWord, flagsToWord, opcodeToText, rcodeToText, rcodeFromText } from "./header.ts";
export { rdataFromText, rdataToText, rdataToWire, rdataFromWire } from "./rdata/index.ts";
export { encodeMessage, encodeWithFields, type EncodedMessage } from "./encode.ts";
export { decodeMessage } from "./decode.ts";
export { mergeRRsets } from "./rrsets.ts";
export { makeQuery, makeResponse, makeRecord } from "./build.ts";
