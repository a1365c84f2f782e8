// The part of Node's EventEmitter that node-postgres's Pool and Client rely on, without Node (the
// engine also runs in a browser worker): listeners run synchronously in the order added, a
// listener added or removed during an emit does not change that emit (an emit to several
// listeners runs over a copy), `once` listeners go before they run, and an 'error' with no
// listener is thrown, as Node throws it (and so crashes the process: simulation.ts ends the run
// with it). The pool adds and removes a client's 'error' listener at every acquire and release, so
// the lists are changed in place rather than copied.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Listener = (...args: any[]) => void;

export class Emitter<Events extends Record<string, unknown[]>> {
  private listeners = new Map<keyof Events, Listener[]>();

  on<E extends keyof Events>(event: E, listener: (...args: Events[E]) => void): this {
    const list = this.listeners.get(event);
    if (list) list.push(listener);
    else this.listeners.set(event, [listener]);
    return this;
  }

  addListener<E extends keyof Events>(event: E, listener: (...args: Events[E]) => void): this {
    return this.on(event, listener);
  }

  once<E extends keyof Events>(event: E, listener: (...args: Events[E]) => void): this {
    const wrapper = (...args: Events[E]) => {
      this.removeListener(event, wrapper);
      listener(...args);
    };
    (wrapper as { listener?: Listener }).listener = listener;
    return this.on(event, wrapper);
  }

  /** Removes the most recently added registration of `listener` (direct or through once). */
  removeListener<E extends keyof Events>(event: E, listener: (...args: Events[E]) => void): this {
    const list = this.listeners.get(event);
    if (!list) return this;
    for (let i = list.length - 1; i >= 0; i--) {
      if (list[i] === listener || (list[i] as { listener?: Listener }).listener === listener) {
        if (list.length === 1) this.listeners.delete(event);
        else list.splice(i, 1);
        break;
      }
    }
    return this;
  }

  off<E extends keyof Events>(event: E, listener: (...args: Events[E]) => void): this {
    return this.removeListener(event, listener);
  }

  listenerCount(event: keyof Events): number {
    return this.listeners.get(event)?.length ?? 0;
  }

  emit<E extends keyof Events>(event: E, ...args: Events[E]): boolean {
    const list = this.listeners.get(event);
    if (!list) {
      if (event === "error") throw args[0] instanceof Error ? args[0] : new Error(`Unhandled error. (${String(args[0])})`);
      return false;
    }
    if (list.length === 1) list[0](...args);
    else for (const listener of list.slice()) listener(...args);
    return true;
  }
}
