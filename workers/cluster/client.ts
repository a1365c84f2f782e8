// A simulated client: a browser tab's WebSocket to the cluster. It holds only its own state; what
// it sends goes through the cluster (its `wire`), which traces it and carries it to its worker.
// One small object per client, methods on the prototype: 10,000 of them cost little.
import type * as LearnerApi from "./learner-api.ts";

export type CloseInfo = LearnerApi.CloseInfo;

/** What a client needs of its cluster. */
export interface ClientWire {
  clientSend(client: SimClient, text: string): void;
  clientClose(client: SimClient, code: number, reason: string): void;
  clientVanish(client: SimClient): void;
  /** Lets the cluster's time run until `ready()` holds, or `timeoutMs` pass (then false). */
  until(ready: () => boolean, timeoutMs: number): Promise<boolean>;
}

export class SimClient implements LearnerApi.SimClient {
  accepted = false;
  closed: CloseInfo | null = null;
  /** Gone without a close frame: it answers no ping, frames to it are lost. */
  vanished = false;
  readonly received: string[] = [];
  /** Frames sent before the handshake completed: a client library sends them once the socket is open. */
  private waiting: string[] | null = null;
  /** How many of `received` nextMessage has handed out. */
  private read = 0;

  constructor(
    private readonly wire: ClientWire,
    readonly id: number,
    readonly worker: number,
    readonly path: string,
  ) {}

  send(text: string): void {
    if (this.closed) throw new Error(`client ${this.id}'s connection is closed (${this.closed.code}): it cannot send`);
    if (this.accepted) this.wire.clientSend(this, String(text));
    else (this.waiting ??= []).push(String(text));
  }

  /** The app accepted: what was sent meanwhile goes now, in order. */
  opened(): void {
    this.accepted = true;
    const waiting = this.waiting ?? [];
    this.waiting = null;
    for (const text of waiting) this.wire.clientSend(this, text);
  }

  sendJson(value: unknown): void {
    this.send(JSON.stringify(value));
  }

  async nextMessage(timeoutMs = 30_000): Promise<string> {
    if (!this.hasNext()) {
      const ready = await this.wire.until(() => this.hasNext(), timeoutMs);
      if (!ready) throw new Error(`client ${this.id} received no message within ${timeoutMs} ms`);
    }
    if (this.read < this.received.length) return this.received[this.read++];
    const { code, reason, by } = this.closed!;
    throw new Error(`client ${this.id}'s connection was closed by the ${by} (${code}${reason ? ` ${reason}` : ""}) before another message came`);
  }

  close(code = 1000, reason = ""): void {
    // The browser's WebSocket.close takes 1000 or 3000–4999, and a reason of at most 123 bytes.
    if (code !== 1000 && !(Number.isInteger(code) && code >= 3000 && code <= 4999)) throw new RangeError(`a client may close with 1000 or a code from 3000 to 4999, not ${code}`);
    if (new TextEncoder().encode(reason).length > 123) throw new RangeError("a close reason is at most 123 bytes");
    if (this.closed) return;
    this.wire.clientClose(this, code, String(reason));
  }

  vanish(): void {
    if (this.closed) return;
    this.wire.clientVanish(this);
  }

  /** A frame arrived. */
  deliver(text: string): void {
    this.received.push(text);
  }

  /** The connection ended, as this client saw it. */
  end(info: CloseInfo): void {
    if (!this.closed) this.closed = info;
  }

  private hasNext(): boolean {
    return this.read < this.received.length || this.closed !== null;
  }
}
