// Postgres 15's run-time settings (GUCs) that a session can SET and SHOW: the common ones a lesson
// touches, with Postgres's defaults, its parsing of values (units, booleans, enums) and its way of
// printing them (guc.c: an integer with a unit is shown in the largest unit that divides it
// exactly, so '7000ms' reads back as "7s"). Values are kept as Postgres prints them.
import type { ServerError } from "../server.ts";

type Kind = "bool" | "int" | "real" | "string" | "enum";

/**
 * Who may change it: anyone (`user`), a superuser (`superuser`), only a restart (`postmaster`),
 * nobody (`internal`).
 */
type Context = "user" | "superuser" | "postmaster" | "internal";

export interface GucDef {
  /** The canonical spelling, which SHOW uses for its column. */
  name: string;
  kind: Kind;
  /** An integer's base unit. */
  unit?: "ms" | "kB";
  boot: string;
  context?: Context;
  /** GUC_REPORT: the server tells the client each new value (a ParameterStatus message). */
  report?: boolean;
  values?: string[];
  /** A list (search_path): SET takes several items. */
  list?: boolean;
}

const bool = (name: string, boot: "on" | "off", extra: Partial<GucDef> = {}): GucDef => ({ name, kind: "bool", boot, ...extra });
const int = (name: string, boot: string, unit?: "ms" | "kB", extra: Partial<GucDef> = {}): GucDef => ({ name, kind: "int", boot, unit, ...extra });
const str = (name: string, boot: string, extra: Partial<GucDef> = {}): GucDef => ({ name, kind: "string", boot, ...extra });
const enm = (name: string, boot: string, values: string[], extra: Partial<GucDef> = {}): GucDef => ({ name, kind: "enum", boot, values, ...extra });
const ISOLATION = ["serializable", "repeatable read", "read committed", "read uncommitted"];

/** The version the recordings were made against (golden/pool.json `recorded_with`). */
export const SERVER_VERSION = "15.18 (Debian 15.18-0+deb12u1)";

const DEFS: GucDef[] = [
  str("application_name", "", { report: true }),
  str("client_encoding", "UTF8", { report: true }),
  str("DateStyle", "ISO, MDY", { report: true }),
  enm("IntervalStyle", "postgres", ["postgres", "postgres_verbose", "sql_standard", "iso_8601"], { report: true }),
  str("TimeZone", "Etc/UTC", { report: true }),
  bool("standard_conforming_strings", "on", { report: true }),
  bool("default_transaction_read_only", "off", { report: true }),
  enm("default_transaction_isolation", "read committed", ISOLATION),
  enm("transaction_isolation", "read committed", ISOLATION),
  int("statement_timeout", "0", "ms"),
  int("lock_timeout", "0", "ms"),
  int("idle_in_transaction_session_timeout", "0", "ms"),
  int("idle_session_timeout", "0", "ms"),
  int("deadlock_timeout", "1s", "ms", { context: "superuser" }),
  int("log_min_duration_statement", "-1", "ms", { context: "superuser" }),
  int("work_mem", "4MB", "kB"),
  int("maintenance_work_mem", "64MB", "kB"),
  int("extra_float_digits", "1"),
  str("search_path", '"$user", public', { list: true }),
  ...["seqscan", "indexscan", "indexonlyscan", "bitmapscan", "hashjoin", "mergejoin", "nestloop", "sort", "hashagg"].map((p) => bool(`enable_${p}`, "on")),
  { name: "random_page_cost", kind: "real", boot: "4" },
  { name: "seq_page_cost", kind: "real", boot: "1" },
  { name: "cpu_tuple_cost", kind: "real", boot: "0.01" },
  bool("jit", "on"),
  bool("row_security", "on"),
  enm("synchronous_commit", "on", ["local", "remote_write", "remote_apply", "on", "off"]),
  int("max_connections", "100", undefined, { context: "postmaster" }),
  str("server_version", SERVER_VERSION, { context: "internal", report: true }),
  str("server_version_num", "150018", { context: "internal" }),
  str("server_encoding", "UTF8", { context: "internal", report: true }),
  bool("integer_datetimes", "on", { context: "internal", report: true }),
  bool("is_superuser", "off", { context: "internal", report: true }),
];

const BY_NAME = new Map(DEFS.map((d) => [d.name.toLowerCase(), d]));

/** A setting's definition by any spelling of its name; custom "a.b" names have none. */
export function findGuc(name: string): GucDef | undefined {
  return BY_NAME.get(name.toLowerCase());
}

export const allGucs = (): readonly GucDef[] => DEFS;

/** A custom placeholder ("myapp.user_id"): any SET of a two-part name is accepted, as a string. */
export const isCustomName = (name: string) => /^[^.]+\.[^.]+/.test(name);

/** One item of a SET's value list, as the statement wrote it. */
export interface SetItem {
  text: string;
  /** string: a '…' literal; ident: a "…" identifier; word / number: as written. */
  kind: "string" | "ident" | "word" | "number";
}

const invalid = (name: string, value: string): ServerError => ({
  message: `invalid value for parameter "${name}": "${value}"`,
  code: "22023",
  severity: "ERROR",
});

/** Why a session (of a non-superuser, as the recordings' role is) may not change `def` at all. */
export function changeRefusal(def: GucDef): ServerError | undefined {
  if (def.context === "internal") return { message: `parameter "${def.name}" cannot be changed`, code: "55P02", severity: "ERROR" };
  if (def.context === "postmaster") {
    return { message: `parameter "${def.name}" cannot be changed without restarting the server`, code: "55P02", severity: "ERROR" };
  }
  if (def.context === "superuser") return { message: `permission denied to set parameter "${def.name}"`, code: "42501", severity: "ERROR" };
  return undefined;
}

/** Parses a SET's value for `def`: the value as SHOW will print it, or Postgres's error. */
export function parseSetting(def: GucDef, items: SetItem[]): { value: string } | { error: ServerError } {
  const refusal = changeRefusal(def);
  if (refusal) return { error: refusal };
  if (items.length > 1 && !def.list && def.name !== "DateStyle") {
    return { error: { message: `SET ${def.name} takes only one argument`, code: "42601", severity: "ERROR" } };
  }
  const raw = items[0]?.text ?? "";
  switch (def.kind) {
    case "bool": {
      const value = parseBool(raw);
      return value === undefined ? { error: { message: `parameter "${def.name}" requires a Boolean value`, code: "22023", severity: "ERROR" } } : { value };
    }
    case "int": {
      const n = parseWithUnit(raw, def.unit);
      return n === undefined ? { error: invalid(def.name, raw) } : { value: showInt(n, def.unit) };
    }
    case "real": {
      const n = Number(raw);
      return raw.trim() === "" || !Number.isFinite(n) ? { error: invalid(def.name, raw) } : { value: String(n) };
    }
    case "enum": {
      const value = def.values!.find((v) => v === raw.toLowerCase());
      return value === undefined ? { error: invalid(def.name, raw) } : { value };
    }
    case "string":
      return parseString(def, items);
  }
}

function parseString(def: GucDef, items: SetItem[]): { value: string } | { error: ServerError } {
  const raw = items.map((i) => i.text).join(", ");
  if (def.list) return { value: items.map((i) => (i.kind === "ident" ? `"${i.text}"` : i.text)).join(", ") };
  if (def.name === "DateStyle") {
    const style = parseDateStyle(raw);
    return style ? { value: style } : { error: invalid(def.name, raw) };
  }
  if (def.name === "client_encoding") return { value: raw.toUpperCase().replace(/[-_]/g, "") };
  if (def.name === "TimeZone" && /^utc$/i.test(raw)) return { value: "UTC" };
  return { value: raw };
}

/** Postgres's parse_bool: on/off, true/false, yes/no, 1/0 and unique prefixes of the words. */
function parseBool(raw: string): "on" | "off" | undefined {
  const v = raw.trim().toLowerCase();
  if (v === "") return undefined;
  if (v === "1" || v === "on" || "true".startsWith(v) || "yes".startsWith(v)) return "on";
  if (v === "0" || v === "off" || v === "of" || "false".startsWith(v) || "no".startsWith(v)) return "off";
  return undefined; // "o" is both on and off
}

const TIME_UNITS: [string, number][] = [["d", 86_400_000], ["h", 3_600_000], ["min", 60_000], ["s", 1000], ["ms", 1], ["us", 0.001]];
const MEMORY_UNITS: [string, number][] = [["TB", 1024 ** 3], ["GB", 1024 ** 2], ["MB", 1024], ["kB", 1], ["B", 1 / 1024]];

/** A number with an optional unit (case-sensitive, as Postgres wants), in the base unit, rounded. */
function parseWithUnit(raw: string, unit: "ms" | "kB" | undefined): number | undefined {
  const m = /^\s*(-?\d+(?:\.\d*)?|-?\.\d+)\s*([A-Za-z]*)\s*$/.exec(raw);
  if (!m) return undefined;
  const n = Number(m[1]);
  if (m[2] === "") return Math.round(n);
  const table = unit === "ms" ? TIME_UNITS : unit === "kB" ? MEMORY_UNITS : [];
  const factor = table.find(([u]) => u === m[2])?.[1];
  return factor === undefined ? undefined : Math.round(n * factor);
}

/** A setting's value as printed ("7s", "8MB") in its base unit (ms, kB); 0 when unreadable. */
export function inBaseUnit(value: string, unit: "ms" | "kB"): number {
  return parseWithUnit(value, unit) ?? 0;
}

/** guc.c's _ShowOption: a positive value in the largest unit that divides it exactly. */
function showInt(n: number, unit: "ms" | "kB" | undefined): string {
  if (!unit || n <= 0) return String(n);
  const table = unit === "ms" ? TIME_UNITS : MEMORY_UNITS;
  for (const [u, factor] of table) if (factor >= 1 && n % factor === 0) return `${n / factor}${u}`;
  return String(n);
}

const STYLES: Record<string, string> = { iso: "ISO", sql: "SQL", postgres: "Postgres", german: "German" };
const ORDERS: Record<string, string> = { mdy: "MDY", dmy: "DMY", ymd: "YMD", us: "MDY", euro: "DMY", european: "DMY", noneuropean: "MDY" };

/** DateStyle: an output style and a field order, either or both ("German" implies DMY). */
function parseDateStyle(raw: string): string | undefined {
  let style = "ISO";
  let order: string | undefined;
  for (const part of raw.split(/[\s,]+/).filter(Boolean)) {
    const p = part.toLowerCase();
    if (STYLES[p]) style = STYLES[p];
    else if (ORDERS[p]) order = ORDERS[p];
    else return undefined;
  }
  return `${style}, ${order ?? (style === "German" ? "DMY" : "MDY")}`;
}

/** The value of a startup parameter or a boot default, normalized as a SET would be. */
export function normalize(def: GucDef, value: string): string {
  if (def.kind === "string" && !def.list) {
    const parsed = parseString(def, [{ text: value, kind: "string" }]);
    return "value" in parsed ? parsed.value : value;
  }
  if (def.kind === "int") {
    const n = parseWithUnit(value, def.unit);
    return n === undefined ? value : showInt(n, def.unit);
  }
  return value;
}

export const unrecognized = (name: string): ServerError => ({
  message: `unrecognized configuration parameter "${name}"`,
  code: "42704",
  severity: "ERROR",
});
