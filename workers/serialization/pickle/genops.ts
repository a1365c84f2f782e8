// pickletools.genops: the opcodes of a pickle with their decoded arguments and byte offsets,
// reading each argument as pickletools' readers do (same checks, same error messages). Stops
// after STOP; running out of bytes or an unknown byte raises ValueError as pickletools does.
import { PyByteArray, PyException, PyFloat, type PyValue } from "../values.ts";
import { bytesRepr } from "../repr.ts";
import { OPCODES, type ArgReader, type Opcode } from "./opcodes.ts";
import { asciiDecode, escapeDecode, latin1, floatFromLiteral, intFromLiteral, rawUnicodeEscapeDecode, utf8Decode } from "./text-codecs.ts";

export interface Op {
  opcode: Opcode;
  arg: PyValue | undefined;
  pos: number;
  end: number;
}

const SSIZE_MAX = 2n ** 63n - 1n;
const valueError = (message: string) => new PyException("ValueError", message);

class Stream {
  pos = 0;
  constructor(readonly data: Uint8Array) {}
  read(n: number): Uint8Array {
    const chunk = this.data.subarray(this.pos, this.pos + n);
    this.pos += chunk.length;
    return chunk;
  }
  readline(): Uint8Array {
    const nl = this.data.indexOf(0x0a, this.pos);
    return this.read(nl < 0 ? this.data.length - this.pos : nl + 1 - this.pos);
  }
}

function fixed(s: Stream, n: number, name: string): DataView {
  const chunk = s.read(n);
  if (chunk.length !== n) throw valueError(`not enough data in stream to read ${name}`);
  return new DataView(chunk.buffer, chunk.byteOffset, n);
}

function stringnl(s: Stream, decode: boolean, stripquotes: boolean): Uint8Array | string {
  let data = s.readline();
  if (data[data.length - 1] !== 0x0a) throw valueError("no newline found when trying to read stringnl");
  data = data.subarray(0, -1);
  if (stripquotes) {
    const q = [0x22, 0x27].find((c) => data[0] === c);
    if (q === undefined) throw valueError(`no string quotes around ${bytesRepr(data)}`);
    if (data.length < 2 || data[data.length - 1] !== q) {
      throw valueError(`strinq quote ${bytesRepr(Uint8Array.of(q))} not found at both ends of ${bytesRepr(data)}`);
    }
    data = data.subarray(1, -1);
  }
  return decode ? asciiDecode(escapeDecode(data)) : data;
}

function counted(s: Stream, n: bigint | number, name: string): Uint8Array {
  const data = s.read(Number(n));
  if (data.length !== Number(n)) throw valueError(`expected ${n} bytes in a ${name}, but only ${data.length} remain`);
  return data;
}


/** decode_long: little-endian two's complement. */
export function decodeLong(bytes: Uint8Array): bigint {
  let x = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) x = (x << 8n) | BigInt(bytes[i]);
  return bytes.length ? BigInt.asIntN(bytes.length * 8, x) : 0n;
}

function readArg(s: Stream, reader: ArgReader): PyValue {
  switch (reader) {
    case "uint1":
      return fixed(s, 1, "uint1").getUint8(0);
    case "uint2":
      return fixed(s, 2, "uint2").getUint16(0, true);
    case "int4":
      return fixed(s, 4, "int4").getInt32(0, true);
    case "uint4":
      return fixed(s, 4, "uint4").getUint32(0, true);
    case "uint8":
      return fixed(s, 8, "uint8").getBigUint64(0, true);
    case "decimalnl_short": {
      const text = stringnl(s, false, false) as Uint8Array;
      // pickletools' hack: INT 00 and 01 are False and True.
      if (latin1(text) === "00") return false;
      if (latin1(text) === "01") return true;
      return intFromLiteral(text);
    }
    case "decimalnl_long": {
      let text = stringnl(s, false, false) as Uint8Array;
      if (text[text.length - 1] === 0x4c) text = text.subarray(0, -1);
      return intFromLiteral(text);
    }
    case "floatnl":
      return new PyFloat(floatFromLiteral(stringnl(s, false, false) as Uint8Array));
    case "float8": {
      const data = s.read(8);
      if (data.length !== 8) throw valueError("not enough data in stream to read float8");
      return new PyFloat(new DataView(data.buffer, data.byteOffset, 8).getFloat64(0, false));
    }
    case "long1": {
      const n = readArg(s, "uint1") as number;
      const data = s.read(n);
      if (data.length !== n) throw valueError("not enough data in stream to read long1");
      return decodeLong(data);
    }
    case "long4": {
      const n = readArg(s, "int4") as number;
      if (n < 0) throw valueError(`long4 byte count < 0: ${n}`);
      const data = s.read(n);
      if (data.length !== n) throw valueError("not enough data in stream to read long4");
      return decodeLong(data);
    }
    case "stringnl":
      return stringnl(s, true, true);
    case "stringnl_noescape":
      return stringnl(s, true, false);
    case "stringnl_noescape_pair": {
      const module = stringnl(s, true, false);
      return `${module} ${stringnl(s, true, false)}`;
    }
    case "string1":
      return latin1(counted(s, readArg(s, "uint1") as number, "string1"));
    case "string4": {
      const n = readArg(s, "int4") as number;
      if (n < 0) throw valueError(`string4 byte count < 0: ${n}`);
      return latin1(counted(s, n, "string4"));
    }
    case "bytes1":
      return counted(s, readArg(s, "uint1") as number, "bytes1").slice();
    case "bytes4":
      return counted(s, readArg(s, "uint4") as number, "bytes4").slice();
    case "bytes8":
    case "bytearray8": {
      const n = readArg(s, "uint8") as bigint;
      if (n > SSIZE_MAX) throw valueError(`${reader} byte count > sys.maxsize: ${n}`);
      const data = counted(s, n, reader).slice();
      return reader === "bytes8" ? data : new PyByteArray(data);
    }
    case "unicodestringnl": {
      const data = s.readline();
      if (data[data.length - 1] !== 0x0a) throw valueError("no newline found when trying to read unicodestringnl");
      return rawUnicodeEscapeDecode(data.subarray(0, -1));
    }
    case "unicodestring1":
      return utf8Decode(counted(s, readArg(s, "uint1") as number, "unicodestring1"));
    case "unicodestring4":
      return utf8Decode(counted(s, readArg(s, "uint4") as number, "unicodestring4"));
    case "unicodestring8": {
      const n = readArg(s, "uint8") as bigint;
      if (n > SSIZE_MAX) throw valueError(`unicodestring8 byte count > sys.maxsize: ${n}`);
      return utf8Decode(counted(s, n, "unicodestring8"));
    }
  }
}

export function* genops(data: Uint8Array): Generator<Op> {
  const s = new Stream(data);
  for (;;) {
    const pos = s.pos;
    const code = s.read(1);
    if (code.length === 0) throw valueError("pickle exhausted before seeing STOP");
    const opcode = OPCODES.get(code[0]);
    if (!opcode) throw valueError(`at position ${pos}, opcode ${bytesRepr(code)} unknown`);
    const arg = opcode.arg === null ? undefined : readArg(s, opcode.arg);
    yield { opcode, arg, pos, end: s.pos };
    if (opcode.name === "STOP") return;
  }
}
