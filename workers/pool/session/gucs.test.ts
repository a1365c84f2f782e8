import { describe, expect, it } from "vitest";
import { findGuc, parseSetting, type SetItem } from "./gucs.ts";

const set = (name: string, ...values: (string | SetItem)[]) =>
  parseSetting(findGuc(name)!, values.map((v) => (typeof v === "string" ? { kind: "string" as const, text: v } : v)));

describe("settings as Postgres 15 parses and prints them", () => {
  it("prints an integer with a unit in the largest unit that divides it exactly", () => {
    expect(set("statement_timeout", "7s")).toEqual({ value: "7s" });
    expect(set("statement_timeout", { kind: "number", text: "7000" })).toEqual({ value: "7s" });
    expect(set("statement_timeout", "1500ms")).toEqual({ value: "1500ms" });
    expect(set("statement_timeout", "1.5min")).toEqual({ value: "90s" });
    expect(set("lock_timeout", "0")).toEqual({ value: "0" });
    expect(set("work_mem", "8MB")).toEqual({ value: "8MB" });
    expect(set("work_mem", { kind: "number", text: "8192" })).toEqual({ value: "8MB" });
    expect(set("work_mem", "1536kB")).toEqual({ value: "1536kB" });
  });

  it("refuses what Postgres refuses, in its words", () => {
    expect(set("work_mem", "8mb")).toEqual({ error: { message: 'invalid value for parameter "work_mem": "8mb"', code: "22023", severity: "ERROR" } });
    expect(set("enable_seqscan", "maybe")).toEqual({ error: { message: 'parameter "enable_seqscan" requires a Boolean value', code: "22023", severity: "ERROR" } });
    expect(set("max_connections", "5")).toMatchObject({ error: { message: 'parameter "max_connections" cannot be changed without restarting the server', code: "55P02" } });
    expect(set("deadlock_timeout", "2s")).toMatchObject({ error: { message: 'permission denied to set parameter "deadlock_timeout"', code: "42501" } });
    expect(set("statement_timeout", "1s", "2s")).toMatchObject({ error: { message: "SET statement_timeout takes only one argument" } });
  });

  it("reads booleans, enums, DateStyle, encodings and lists", () => {
    expect(set("enable_seqscan", { kind: "word", text: "false" })).toEqual({ value: "off" });
    expect(set("enable_seqscan", "y")).toEqual({ value: "on" });
    expect(set("default_transaction_isolation", "SERIALIZABLE")).toEqual({ value: "serializable" });
    expect(set("datestyle", { kind: "word", text: "german" })).toEqual({ value: "German, DMY" });
    expect(set("DateStyle", "iso, dmy")).toEqual({ value: "ISO, DMY" });
    expect(set("client_encoding", "utf-8")).toEqual({ value: "UTF8" });
    expect(set("search_path", { kind: "word", text: "app" }, { kind: "ident", text: "$user" })).toEqual({ value: 'app, "$user"' });
  });
});
