// anyio's zero-buffer memory object stream, which BaseHTTPMiddleware uses between `callNext`
// and the app inside it: a send waits until a receiver takes the item, so the inner app runs
// only as fast as the middleware forwards its response.

export class EndOfStream extends Error {}
export class BrokenResource extends Error {}

type Waiting<T> = { resolve: (v: T) => void; reject: (e: unknown) => void };
export type Received<T> = { done: true } | { done: false; value: T };

export class Channel<T> {
  #senders: (Waiting<void> & { item: T })[] = [];
  #receivers: Waiting<Received<T>>[] = [];
  #sendClosed = false;
  #receiveClosed = false;
  #failure: { error: unknown } | undefined;

  send(item: T): Promise<void> {
    if (this.#failure) return Promise.reject(this.#failure.error);
    if (this.#receiveClosed) return Promise.reject(new BrokenResource());
    const receiver = this.#receivers.shift();
    if (receiver) {
      receiver.resolve({ done: false, value: item });
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => this.#senders.push({ item, resolve, reject }));
  }

  receive(): Promise<Received<T>> {
    if (this.#failure) return Promise.reject(this.#failure.error);
    const sender = this.#senders.shift();
    if (sender) {
      sender.resolve();
      return Promise.resolve({ done: false, value: sender.item });
    }
    if (this.#sendClosed) return Promise.resolve({ done: true });
    return new Promise((resolve, reject) => this.#receivers.push({ resolve, reject }));
  }

  /** The sending side is done: waiting receivers get the end of the stream. */
  closeSend(): void {
    this.#sendClosed = true;
    for (const r of this.#receivers.splice(0)) r.resolve({ done: true });
  }

  /** The receiving side is gone: waiting senders fail with BrokenResource. */
  closeReceive(): void {
    this.#receiveClosed = true;
    for (const s of this.#senders.splice(0)) s.reject(new BrokenResource());
  }

  /** Everyone waiting, and everyone who comes later, gets `error` (a cancellation). */
  fail(error: unknown): void {
    this.#failure = { error };
    for (const s of this.#senders.splice(0)) s.reject(error);
    for (const r of this.#receivers.splice(0)) r.reject(error);
  }
}
