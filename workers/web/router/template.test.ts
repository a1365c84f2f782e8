import { describe, expect, it } from "vitest";
import { parseTemplate, templateRegex } from "./template.ts";

describe("parseTemplate (starlette.routing.compile_path)", () => {
  it("reads params with and without convertors, and the text between them", () => {
    const t = parseTemplate("/files/{name}.{ext:str}/{n:int}");
    expect(t.paramNames).toEqual(["name", "ext", "n"]);
    expect(t.convertors.map((c) => c.name)).toEqual(["str", "str", "int"]);
    expect(t.parts.map((p) => (p.kind === "static" ? p.text : `<${p.name}>`))).toEqual(["/files/", "<name>", ".", "<ext>", "/", "<n>"]);
  });
  it("keeps braces that do not form a param as literal text", () => {
    const t = parseTemplate("/x/{1a}/{a-b}/{}");
    expect(t.paramNames).toEqual([]);
    expect(templateRegex(t).test("/x/{1a}/{a-b}/{}")).toBe(true);
  });
  it("refuses what Starlette refuses", () => {
    expect(() => parseTemplate("users")).toThrow(/must start with '\/'/);
    expect(() => parseTemplate("/a/{x:slug}")).toThrow("Unknown path convertor 'slug'");
    expect(() => parseTemplate("/a/{x}/{x}")).toThrow("Duplicated param name x at path /a/{x}/{x}");
  });
  it("builds Starlette's regex, with Python's $ that also matches before a final newline", () => {
    const re = templateRegex(parseTemplate("/price/{amount:float}"));
    expect(re.exec("/price/3.5")?.[1]).toBe("3.5");
    expect(re.test("/price/3.5\n")).toBe(true);
    expect(re.test("/price/.5")).toBe(false);
  });
});
