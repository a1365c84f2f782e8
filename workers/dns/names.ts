// Names as the simulator compares them: presentation text, absolute (final dot), and a key with
// ASCII letters lowered (DNS names compare case-insensitively; the 0x20 defence relies on the
// case still being there on the wire, so only keys are lowered, never the names themselves).
import { nameFromText, nameToText } from "./message/index.ts";

/** The absolute presentation text of a name typed as "www.example.test" or "www.example.test.". */
export function absolute(name: string): string {
  return nameToText(nameFromText(name));
}

export function key(name: string): string {
  return name.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

export function sameName(a: string, b: string): boolean {
  return key(a) === key(b);
}

/** Whether `name` is `zone` or lies under it (both absolute text). */
export function inZone(name: string, zone: string): boolean {
  const n = key(name);
  const z = key(zone);
  return z === "." || n === z || n.endsWith(`.${z}`);
}

/** The name one label up ("www.example.test." → "example.test."; "test." → "."). */
export function parent(name: string): string {
  const dot = name.indexOf(".");
  return dot < 0 || dot === name.length - 1 ? "." : name.slice(dot + 1);
}

/** A name as Node prints it: no final dot. */
export function bare(name: string): string {
  return name === "." ? "" : name.replace(/\.$/, "");
}

/** Resolves `name` relative to `origin`: "@" is the origin, a final dot means absolute. */
export function qualify(name: string, origin: string): string {
  if (name === "@" || name === "") return origin;
  if (name.endsWith(".")) return absolute(name);
  return absolute(origin === "." ? `${name}.` : `${name}.${origin}`);
}
