// Header fields as they travel: an ordered list of (name, value) pairs, names kept as they were
// written, a name free to repeat (Set-Cookie does). Names compare without regard to case.
// Reading one value gives the first, as Starlette's `headers[name]` does.

export type HeaderPairs = Iterable<readonly [string, string]>;
export type HeadersInit = HttpHeaders | HeaderPairs | Record<string, string>;

export class HttpHeaders implements Iterable<[string, string]> {
  /** The fields in order, names as written. */
  readonly raw: [string, string][];

  constructor(init?: HeadersInit) {
    if (init instanceof HttpHeaders) this.raw = init.raw.map(([k, v]) => [k, v]);
    else if (init === undefined) this.raw = [];
    else if (Symbol.iterator in init) this.raw = [...(init as HeaderPairs)].map(([k, v]) => [k, v]);
    else this.raw = Object.entries(init).map(([k, v]) => [k, String(v)]);
  }

  /** The first value of the field, or null. */
  get(name: string): string | null {
    const key = name.toLowerCase();
    for (const [k, v] of this.raw) if (k.toLowerCase() === key) return v;
    return null;
  }

  /** Every value of the field, in order. */
  getAll(name: string): string[] {
    const key = name.toLowerCase();
    return this.raw.filter(([k]) => k.toLowerCase() === key).map(([, v]) => v);
  }

  has(name: string): boolean {
    return this.get(name) !== null;
  }

  append(name: string, value: string): void {
    this.raw.push([name, value]);
  }

  /** Replaces every value of the field with one, at the first one's place (or at the end). */
  set(name: string, value: string): void {
    const key = name.toLowerCase();
    const first = this.raw.findIndex(([k]) => k.toLowerCase() === key);
    if (first === -1) {
      this.raw.push([name, value]);
      return;
    }
    this.raw[first] = [this.raw[first][0], value];
    for (let i = this.raw.length - 1; i > first; i--) if (this.raw[i][0].toLowerCase() === key) this.raw.splice(i, 1);
  }

  delete(name: string): void {
    const key = name.toLowerCase();
    for (let i = this.raw.length - 1; i >= 0; i--) if (this.raw[i][0].toLowerCase() === key) this.raw.splice(i, 1);
  }

  get size(): number {
    return this.raw.length;
  }

  [Symbol.iterator](): Iterator<[string, string]> {
    return this.raw[Symbol.iterator]();
  }
}
