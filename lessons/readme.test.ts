// The README says which lessons exist and which are coming. It must not drift from the
// catalogue: every lesson folder is in its table, nothing else is, and what it calls coming is
// exactly what the home page calls coming (app/home/planned-lessons.ts).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { comingLessons } from "../app/home/planned-lessons";

const root = join(import.meta.dirname, "..");
const readme = readFileSync(join(root, "README.md"), "utf8");
const lessonIds = readdirSync(import.meta.dirname, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

function section(heading: string): string {
  const start = readme.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`README.md has no "## ${heading}" section`);
  const end = readme.indexOf("\n## ", start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

describe("README.md", () => {
  const lessons = section("Lessons");

  it("lists in its Lessons table every lesson folder and nothing else", () => {
    const rows = [...lessons.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]).sort();
    expect(rows).toEqual(lessonIds);
  });

  it("calls coming exactly the planned lessons that have no folder yet", () => {
    const line = /Coming later[^:]*:([^]*?)\n\n/.exec(lessons)?.[1] ?? "";
    const coming = [...line.matchAll(/`([a-z0-9-]+)`/g)].map((m) => m[1]);
    expect(coming).toEqual(comingLessons(lessonIds.map((id) => ({ id }))).map((l) => l.id));
  });
});
