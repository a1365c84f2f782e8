import { compile } from "@mdx-js/mdx";
import { describe, expect, it } from "vitest";
import { REMARK_PLUGINS } from "./mdx-options";

const lesson = (frontMatter: string) => `---
id: x
${frontMatter}
---

Intro text.

## First

One.

## Aside

Still the first step.

## Second \`step\`

Two.
`;

/** The text of each ProseSection the compiled lesson renders, by its step. */
async function sections(source: string): Promise<string[]> {
  const code = String(await compile(source, { remarkPlugins: REMARK_PLUGINS, outputFormat: "function-body" }));
  return [...code.matchAll(/_jsxs?\(ProseSection, \{\s*step: "(\d+)"/g)].map((m) => m[1]);
}

describe("remarkStepSections", () => {
  it("wraps each step's prose, from its heading to the next step's, the intro in the first", async () => {
    const source = lesson("steps:\n  - title: First\n  - title: Second step");
    expect(await sections(source)).toEqual(["0", "1"]);
    const code = String(await compile(source, { remarkPlugins: REMARK_PLUGINS, outputFormat: "function-body" }));
    const second = code.indexOf('step: "1"');
    expect(code.indexOf("Intro text.")).toBeLessThan(second);
    expect(code.indexOf("Still the first step.")).toBeLessThan(second);
    expect(code.indexOf("Two.")).toBeGreaterThan(second);
  });

  it("leaves a lesson without steps as it is", async () => {
    expect(await sections(lesson("title: x"))).toEqual([]);
  });
});
