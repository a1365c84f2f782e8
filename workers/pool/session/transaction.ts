// A session's transaction, and what its end decides (xact.c, async.c): settings kept or undone,
// LISTEN / UNLISTEN taking effect, NOTIFYs sent (only on commit, duplicates within the
// transaction folded into one), transaction-level advisory locks released. Postgres runs every
// statement outside a block as its own transaction, a multi-statement Query as one implicit
// block, and BEGIN … COMMIT as an explicit block; ReadyForQuery reports 'T' or 'E' only for the
// explicit kind, which is what tells a transaction pooler whether the server can go back.
import type { ServerError } from "../server.ts";
import type { AdvisoryLocks, LockOwner } from "./locks.ts";
import { MAX_PAYLOAD_BYTES, type NotifyHub, type NotifyTarget } from "./notify.ts";
import type { Settings, SettingsSnapshot } from "./settings.ts";

type Block = "statement" | "implicit" | "explicit";

interface Savepoint {
  name: string;
  settings: SettingsSnapshot;
  notifies: number;
  listens: number;
}

const error = (message: string, code: string): ServerError => ({ message, code, severity: "ERROR" });

export class Transaction {
  block: Block | null = null;
  /** An error ended a statement inside the explicit block: only its end is accepted now. */
  failed = false;
  private notifies: { channel: string; payload: string }[] = [];
  private listens: { channel: string | null; listen: boolean }[] = [];
  private savepoints: Savepoint[] = [];

  constructor(
    private readonly owner: LockOwner & NotifyTarget,
    private readonly settings: Settings,
    private readonly locks: AdvisoryLocks,
    private readonly hub: NotifyHub,
  ) {}

  /** ReadyForQuery's status byte. */
  get status(): "I" | "T" | "E" {
    return this.block === "explicit" ? (this.failed ? "E" : "T") : "I";
  }

  /** Opens a transaction, or (BEGIN) turns the one under way into an explicit block. */
  begin(block: Block): void {
    if (this.block === null) {
      this.settings.begin();
      this.block = block;
    } else if (block === "explicit") {
      this.block = "explicit";
    }
  }

  commit(): void {
    this.settings.commit();
    for (const op of this.listens) {
      if (op.listen) this.hub.listen(this.owner, op.channel!);
      else this.hub.unlisten(this.owner, op.channel);
    }
    const sent = this.notifies;
    this.end();
    this.hub.publish(this.owner.pid, sent);
  }

  rollback(): void {
    this.settings.rollback();
    this.end();
  }

  /** A statement failed: an explicit block is now aborted; any other transaction rolls back. */
  fail(): void {
    if (this.block === "explicit") this.failed = true;
    else this.rollback();
  }

  savepoint(name: string): void {
    this.savepoints.push({ name, settings: this.settings.savepoint(), notifies: this.notifies.length, listens: this.listens.length });
  }

  release(name: string): ServerError | undefined {
    const at = this.find(name);
    if (at < 0) return error(`savepoint "${name}" does not exist`, "3B001");
    this.savepoints.length = at;
    return undefined;
  }

  rollbackTo(name: string): ServerError | undefined {
    const at = this.find(name);
    if (at < 0) return error(`savepoint "${name}" does not exist`, "3B001");
    const sp = this.savepoints[at];
    this.savepoints.length = at + 1;
    this.settings.rollbackTo(sp.settings);
    this.notifies.length = sp.notifies;
    this.listens.length = sp.listens;
    this.failed = false;
    return undefined;
  }

  /** NOTIFY / pg_notify: checked now, sent when the transaction commits. */
  notify(channel: string, payload: string): ServerError | undefined {
    if (channel === "") return error("channel name cannot be empty", "22023");
    if (new TextEncoder().encode(channel).length >= 64) return error("channel name too long", "22023");
    if (new TextEncoder().encode(payload).length > MAX_PAYLOAD_BYTES) return error("payload string too long", "22023");
    if (!this.notifies.some((n) => n.channel === channel && n.payload === payload)) this.notifies.push({ channel, payload });
    return undefined;
  }

  /** LISTEN (`listen`) or UNLISTEN (`channel` null: all), effective when the transaction commits. */
  listen(channel: string | null, listen: boolean): void {
    this.listens.push({ channel, listen });
  }

  private find(name: string): number {
    for (let i = this.savepoints.length - 1; i >= 0; i--) if (this.savepoints[i].name === name) return i;
    return -1;
  }

  private end(): void {
    this.locks.releaseXact(this.owner);
    this.block = null;
    this.failed = false;
    this.notifies = [];
    this.listens = [];
    this.savepoints = [];
  }
}
