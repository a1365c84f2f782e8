// The C pickler's output buffer with protocol 4's framing: opcodes go into frames of about 64 KiB
// (a FRAME header reserved at each frame's start, filled in when the frame is committed, dropped
// when the frame holds under 4 bytes), and a payload of 64 KiB or more is written outside any
// frame (_Pickler_write_bytes).
import { OP } from "./opcodes.ts";

const FRAME_HEADER_SIZE = 9;
const FRAME_SIZE_MIN = 4;
export const FRAME_SIZE_TARGET = 64 * 1024;

export class Framer {
  private out = new Uint8Array(256);
  private length = 0;
  private frameStart = -1;
  framing = false;

  private reserve(n: number): void {
    if (this.length + n <= this.out.length) return;
    const grown = new Uint8Array(Math.max(this.out.length * 2, this.length + n));
    grown.set(this.out.subarray(0, this.length));
    this.out = grown;
  }

  write(bytes: ArrayLike<number>): void {
    const newFrame = this.framing && this.frameStart === -1;
    this.reserve(bytes.length + (newFrame ? FRAME_HEADER_SIZE : 0));
    if (newFrame) {
      this.frameStart = this.length;
      this.length += FRAME_HEADER_SIZE;
    }
    this.out.set(bytes, this.length);
    this.length += bytes.length;
  }

  commitFrame(): void {
    if (!this.framing || this.frameStart === -1) return;
    const frameLength = this.length - this.frameStart - FRAME_HEADER_SIZE;
    if (frameLength >= FRAME_SIZE_MIN) {
      this.out[this.frameStart] = OP.FRAME;
      new DataView(this.out.buffer).setBigUint64(this.frameStart + 1, BigInt(frameLength), true);
    } else {
      this.out.copyWithin(this.frameStart, this.frameStart + FRAME_HEADER_SIZE, this.length);
      this.length -= FRAME_HEADER_SIZE;
    }
    this.frameStart = -1;
  }

  /** Between opcodes: a full frame is committed so the next one starts. */
  opcodeBoundary(): void {
    if (!this.framing || this.frameStart === -1) return;
    if (this.length - this.frameStart - FRAME_HEADER_SIZE >= FRAME_SIZE_TARGET) this.commitFrame();
  }

  /** A header and a payload; a large payload goes outside the frames. */
  writeBytes(header: ArrayLike<number>, data: ArrayLike<number>): void {
    const bypass = data.length >= FRAME_SIZE_TARGET;
    const framing = this.framing;
    if (bypass) {
      this.commitFrame();
      this.framing = false;
    }
    this.write(header);
    this.write(data);
    this.framing = framing;
  }

  bytes(): Uint8Array {
    return this.out.slice(0, this.length);
  }
}
