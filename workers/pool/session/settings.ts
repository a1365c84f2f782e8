// One session's settings and how transactions treat them, as Postgres does: a SET inside a
// transaction holds from now on unless the transaction rolls back; a SET LOCAL holds only until
// the transaction ends; a savepoint rolled back to undoes what was set since. Each statement
// outside a transaction block is its own transaction (the session opens and closes one around
// it), so a SET LOCAL there ends with its statement.
import type { ServerError } from "../server.ts";
import { allGucs, changeRefusal, findGuc, isCustomName, normalize, parseSetting, unrecognized, type SetItem } from "./gucs.ts";

export interface SettingsSnapshot {
  session: Map<string, string>;
  local: Map<string, string>;
}

export class Settings {
  /** Values set for the session (what a commit keeps), by lower-case name. */
  private session = new Map<string, string>();
  /** SET LOCAL values, dropped when the transaction ends. */
  private local = new Map<string, string>();
  /** The session values when the transaction began, for a rollback. */
  private atBegin: Map<string, string> | null = null;
  /** Custom placeholders ("myapp.x") that exist: once set, they read '' after a RESET. */
  private readonly custom = new Set<string>();
  /** What RESET returns to: the startup packet's value, else the server's. */
  private readonly resetValues = new Map<string, string>();

  constructor(startup: Record<string, string> = {}, serverValues: Record<string, string> = {}) {
    for (const def of allGucs()) {
      const given = startup[def.name] ?? startup[def.name.toLowerCase()] ?? serverValues[def.name];
      this.resetValues.set(def.name.toLowerCase(), given === undefined ? normalize(def, def.boot) : normalize(def, given));
    }
  }

  /** The value SHOW prints and the column it prints it under, or Postgres's error. */
  show(name: string): { column: string; value: string } | { error: ServerError } {
    const key = name.toLowerCase();
    const def = findGuc(key);
    if (!def && !this.custom.has(key)) return { error: unrecognized(name) };
    return { column: def?.name ?? key, value: this.value(key) };
  }

  /** SET name TO items (or DEFAULT); `local` for SET LOCAL. */
  set(name: string, items: SetItem[] | "default", local: boolean): ServerError | undefined {
    const key = name.toLowerCase();
    const def = findGuc(key);
    if (!def && !isCustomName(key)) return unrecognized(name);
    let value: string;
    if (items === "default") {
      const refusal = def && changeRefusal(def);
      if (refusal) return refusal;
      value = this.resetValue(key);
    } else if (def) {
      const parsed = parseSetting(def, items);
      if ("error" in parsed) return parsed.error;
      value = parsed.value;
    } else {
      value = items.map((i) => i.text).join(", ");
    }
    if (!def) this.custom.add(key);
    if (local) {
      this.local.set(key, value);
    } else {
      this.session.set(key, value);
      this.local.delete(key);
    }
    return undefined;
  }

  /** RESET ALL: every setting a user may change goes back to its reset value. */
  resetAll(): void {
    this.session.clear();
    this.local.clear();
  }

  /** The value a setting has now (current_setting), by lower-case name. */
  value(key: string): string {
    return this.local.get(key) ?? this.session.get(key) ?? this.resetValue(key);
  }

  /** The GUC_REPORT settings and their values, which the server reports as they change. */
  reported(): Map<string, string> {
    const out = new Map<string, string>();
    for (const def of allGucs()) if (def.report) out.set(def.name, this.value(def.name.toLowerCase()));
    return out;
  }

  begin(): void {
    this.atBegin = new Map(this.session);
  }

  commit(): void {
    this.local.clear();
    this.atBegin = null;
  }

  rollback(): void {
    if (this.atBegin) this.session = this.atBegin;
    this.local.clear();
    this.atBegin = null;
  }

  savepoint(): SettingsSnapshot {
    return { session: new Map(this.session), local: new Map(this.local) };
  }

  rollbackTo(snapshot: SettingsSnapshot): void {
    this.session = new Map(snapshot.session);
    this.local = new Map(snapshot.local);
  }

  private resetValue(key: string): string {
    return this.resetValues.get(key) ?? "";
  }
}
