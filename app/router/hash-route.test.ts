import { describe, expect, it } from "vitest";
import { compressToEncodedURIComponent } from "lz-string";
import { lessonHref, NO_EMBED_OPTIONS, parseRoute, withoutCode } from "./hash-route";
import { decodeSharedCode } from "../lesson/use-lesson-code";

describe("parseRoute", () => {
  it("reads the routes of docs/architecture.md's contracts", () => {
    expect(parseRoute("")).toEqual({ name: "home" });
    expect(parseRoute("#/")).toEqual({ name: "home" });
    expect(parseRoute("#/lessons/welcome")).toEqual({ name: "lesson", id: "welcome", embed: false, code: null, options: NO_EMBED_OPTIONS });
    expect(parseRoute("#/embed/welcome")).toEqual({ name: "lesson", id: "welcome", embed: true, code: null, options: NO_EMBED_OPTIONS });
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

describe("embed options", () => {
  const options = (hash: string) => {
    const route = parseRoute(hash);
    if (route.name !== "lesson") throw new Error(`not a lesson route: ${hash}`);
    return route.options;
  };

  it("reads theme, hide, readonly and origin after the embed route", () => {
    expect(options("#/embed/welcome?theme=dark&hide=lesson&readonly&origin=https%3A%2F%2Fcourse.example%3A8443%2Fpath")).toEqual({
      theme: "dark",
      hide: ["lesson"],
      readonly: true,
      origin: "https://course.example:8443",
    });
    expect(options("#/embed/welcome?hide=lesson,visualization,nonsense&hide=lesson").hide).toEqual(["lesson", "visualization"]);
    expect(options("#/embed/welcome?hide=visualization&hide=lesson").hide).toEqual(["visualization", "lesson"]);
    expect(options("#/embed/welcome?readonly=0").readonly).toBe(false);
    expect(options("#/embed/welcome?readonly=1").readonly).toBe(true);
    expect(options("#/embed/welcome?theme=purple").theme).toBeNull();
    // An origin written raw (no percent-encoding) reads the same.
    expect(options("#/embed/welcome?origin=http://localhost:4282").origin).toBe("http://localhost:4282");
  });

  it("an ?origin= that is not an origin restricts to nothing, never to '*'", () => {
    expect(options("#/embed/welcome?origin=not a url").origin).toBe("");
    expect(options("#/embed/welcome?origin=").origin).toBe("");
    expect(options("#/embed/welcome").origin).toBe("*");
  });

  it("a lesson route (not embedded) takes no embed options", () => {
    expect(options("#/lessons/welcome?theme=dark&readonly&hide=lesson")).toEqual(NO_EMBED_OPTIONS);
  });

  it("the options and ?code= are read by one parser, '+' in the code kept", () => {
    const route = parseRoute("#/embed/welcome?readonly&code=ab+cd$&theme=light");
    expect(route).toMatchObject({ code: "ab+cd$", options: { readonly: true, theme: "light" } });
  });

  it("withoutCode drops ?code= and keeps the embed's other options", () => {
    expect(withoutCode("#/embed/welcome?theme=dark&code=abc+d&origin=http://x.test")).toBe("#/embed/welcome?theme=dark&origin=http://x.test");
    expect(withoutCode("#/lessons/welcome?code=abc")).toBe("#/lessons/welcome");
    expect(withoutCode("#/lessons/welcome")).toBe("#/lessons/welcome");
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
