import { describe, expect, it } from "vitest";
import { compressToEncodedURIComponent } from "lz-string";
import { lessonHref, parseRoute } from "./hash-route";
import { decodeSharedCode } from "../lesson/use-lesson-code";

describe("parseRoute", () => {
  it("reads the routes of docs/architecture.md's contracts", () => {
    expect(parseRoute("")).toEqual({ name: "home" });
    expect(parseRoute("#/")).toEqual({ name: "home" });
    expect(parseRoute("#/lessons/welcome")).toEqual({ name: "lesson", id: "welcome", embed: false, code: null });
    expect(parseRoute("#/embed/welcome")).toEqual({ name: "lesson", id: "welcome", embed: true, code: null });
    expect(parseRoute("#/lessons/welcome/")).toMatchObject({ name: "lesson", id: "welcome" });
    expect(parseRoute("#/nowhere")).toEqual({ name: "not-found", path: "/nowhere" });
  });

  it("keeps ?code= exactly, '+' included (lz-string's alphabet has it)", () => {
    // Find a program whose packed form has a '+' in it.
    let code = "";
    let packed = "";
    for (let i = 0; !packed.includes("+"); i++) {
      code = `export const n${i} = ${i} + 1;\n`.repeat(3);
      packed = compressToEncodedURIComponent(code);
    }
    const route = parseRoute(lessonHref("welcome", { code: packed }));
    expect(route).toMatchObject({ name: "lesson", id: "welcome", code: packed });
    expect(decodeSharedCode((route as { code: string }).code)).toBe(code);
    expect(parseRoute(`#/embed/welcome?x=1&code=${packed}`)).toMatchObject({ embed: true, code: packed });
  });
});

describe("decodeSharedCode", () => {
  it("gives null for garbage or a link cut short, never throws", () => {
    expect(decodeSharedCode("%%%not-lz")).toBeNull();
    expect(decodeSharedCode("")).toBeNull();
    const packed = compressToEncodedURIComponent("export const answer = 42;\n".repeat(50));
    const cut = decodeSharedCode(packed.slice(0, packed.length / 2));
    expect(cut === null || !cut.includes("answer = 42;\n".repeat(50))).toBe(true);
  });
});
