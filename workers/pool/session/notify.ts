// LISTEN / NOTIFY across a server's sessions (async.c): a channel is listened to by sessions —
// backends, not clients — and a notification committed by any session goes to every session
// listening then, the sender included. Each session decides when it hands it to its client
// (session.ts: only between transactions, before ReadyForQuery), which is why under a
// transaction pooler it reaches whichever client holds the listening connection at that moment.
import type { Notification } from "../wire.ts";

export interface NotifyTarget {
  readonly pid: number;
  /** A committed notification for a channel this session listens to. */
  notify(notification: Notification): void;
}

/** Postgres refuses a payload of 8000 bytes or more. */
export const MAX_PAYLOAD_BYTES = 7999;

export class NotifyHub {
  private readonly channels = new Map<string, Set<NotifyTarget>>();

  listen(target: NotifyTarget, channel: string): void {
    let set = this.channels.get(channel);
    if (!set) this.channels.set(channel, (set = new Set()));
    set.add(target);
  }

  unlisten(target: NotifyTarget, channel: string | null): void {
    for (const [name, set] of this.channels) {
      if (channel !== null && name !== channel) continue;
      set.delete(target);
      if (set.size === 0) this.channels.delete(name);
    }
  }

  listening(target: NotifyTarget): string[] {
    return [...this.channels].filter(([, set]) => set.has(target)).map(([name]) => name);
  }

  /** Delivers a transaction's notifications, in the order sent, to every listener. */
  publish(from: number, notifications: { channel: string; payload: string }[]): void {
    for (const n of notifications) {
      for (const target of [...(this.channels.get(n.channel) ?? [])]) target.notify({ ...n, processId: from });
    }
  }
}
