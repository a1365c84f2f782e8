// Headers as Starlette keeps them: an ordered list of (lower-case name, value) pairs that may
// repeat a name. Reading a repeated name gives the first value (Starlette's `headers[name]`);
// `getAll` gives every one. The list is shared, not copied, so a middleware that changes
// `response.headers` changes what is sent.
import type { RawHeaders } from "./asgi";

export type HeadersInit = RawHeaders | Record<string, string> | Headers;

export class Headers {
  readonly raw: RawHeaders;

  constructor(init?: HeadersInit) {
    if (init instanceof Headers) this.raw = init.raw;
    else if (Array.isArray(init)) this.raw = init;
    else this.raw = Object.entries(init ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]);
  }

  get(name: string): string | null {
    const key = name.toLowerCase();
    const hit = this.raw.find(([k]) => k === key);
    return hit ? hit[1] : null;
  }

  getAll(name: string): string[] {
    const key = name.toLowerCase();
    return this.raw.filter(([k]) => k === key).map(([, v]) => v);
  }

  has(name: string): boolean {
    return this.get(name) !== null;
  }

  keys(): string[] {
    return this.raw.map(([k]) => k);
  }

  entries(): [string, string][] {
    return this.raw.map(([k, v]) => [k, v]);
  }

  /** Replaces every value of `name` with one value, kept at the first one's position. */
  set(name: string, value: string): void {
    const key = name.toLowerCase();
    const first = this.raw.findIndex(([k]) => k === key);
    if (first < 0) {
      this.raw.push([key, value]);
      return;
    }
    this.raw[first] = [key, value];
    for (let i = this.raw.length - 1; i > first; i--) if (this.raw[i][0] === key) this.raw.splice(i, 1);
  }

  append(name: string, value: string): void {
    this.raw.push([name.toLowerCase(), value]);
  }

  delete(name: string): void {
    const key = name.toLowerCase();
    for (let i = this.raw.length - 1; i >= 0; i--) if (this.raw[i][0] === key) this.raw.splice(i, 1);
  }

  toJSON(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of this.raw) out[k] = k in out ? `${out[k]}, ${v}` : v;
    return out;
  }
}
