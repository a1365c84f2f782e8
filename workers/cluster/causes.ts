// Which client frame an outgoing frame, a publish or a delivery carries (trace.ts's `msg`): the
// most recent frame that reached that worker — from a client, or inside a broker delivery — whose
// text the outgoing text contains. A few recent frames per worker are kept, and the texts of the
// last few thousand frames.
const RECENT_PER_WORKER = 32;
const TEXTS_KEPT = 4096;

export class Causes {
  private readonly texts = new Map<number, string>();
  private readonly recent = new Map<number, number[]>();

  /** Client frame `msg` reached `worker`. */
  incoming(worker: number, msg: number, text: string): void {
    this.texts.set(msg, text);
    if (this.texts.size > TEXTS_KEPT) this.texts.delete(this.texts.keys().next().value as number);
    this.arrived(worker, msg);
  }

  /** A broker delivery carrying `msg` reached `worker`. */
  arrived(worker: number, msg: number | null): void {
    if (msg === null) return;
    let list = this.recent.get(worker);
    if (!list) this.recent.set(worker, (list = []));
    list.push(msg);
    if (list.length > RECENT_PER_WORKER) list.shift();
  }

  /** The frame `text` (sent, published or delivered by `worker`) carries, or null. */
  find(worker: number, text: string): number | null {
    const list = this.recent.get(worker);
    if (!list) return null;
    for (let i = list.length - 1; i >= 0; i--) {
      const source = this.texts.get(list[i]);
      if (source && text.includes(source)) return list[i];
    }
    return null;
  }

  /** A worker was killed or restarted: what reached it is gone with it. */
  forget(worker: number): void {
    this.recent.delete(worker);
  }
}
