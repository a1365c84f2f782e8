import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { goldenDir, readGolden } from "./golden";

// A plain clone has nothing beside it, so the recordings must come from the repository itself.
const REPOSITORY = resolve(import.meta.dirname, "..", "..");

describe("where the recordings are read from", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("reads the repository's golden/ when GOLDEN_DIR is unset, whatever the working directory", () => {
    vi.stubEnv("GOLDEN_DIR", undefined);
    const cwd = vi.spyOn(process, "cwd").mockReturnValue("/");
    try {
      expect(goldenDir()).toBe(join(REPOSITORY, "golden"));
      expect(readGolden<{ schema: unknown }>("redis.json").schema).toBeDefined();
    } finally {
      cwd.mockRestore();
    }
  });

  it("keeps a README beside the recordings", () => {
    expect(existsSync(join(REPOSITORY, "golden", "README.md"))).toBe(true);
  });

  it("reads GOLDEN_DIR instead when it is set", () => {
    vi.stubEnv("GOLDEN_DIR", "/somewhere/else");
    expect(goldenDir()).toBe("/somewhere/else");
    expect(() => readGolden("redis.json")).toThrow("cannot read the recording /somewhere/else/redis.json");
  });
});
