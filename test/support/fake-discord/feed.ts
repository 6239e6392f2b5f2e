/** Default time a test waits for the bot to do something before the wait fails. */
export const DEFAULT_WAIT_MS = 5_000;

interface Waiter<T> {
  index: number;
  resolve: (item: T) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * An append-only list that tests can await items from. Every wait has a timeout, and `close` rejects
 * whatever is still waiting, so no timer outlives the fake.
 */
export class Feed<T> {
  readonly items: T[] = [];
  readonly #waiters = new Set<Waiter<T>>();
  #closedReason: string | null = null;

  push(item: T): void {
    this.items.push(item);
    for (const waiter of this.#waiters) {
      const ready = this.items[waiter.index];
      if (ready !== undefined) this.#settle(waiter, () => waiter.resolve(ready));
    }
  }

  /** Resolves with the item at `index` once it exists. `describe` explains a timeout. */
  at(index: number, timeoutMs: number, describe: () => string): Promise<T> {
    const existing = this.items[index];
    if (existing !== undefined) return Promise.resolve(existing);
    if (this.#closedReason !== null) return Promise.reject(new Error(this.#closedReason));
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<T> = {
        index,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.#settle(waiter, () => reject(new Error(`Timed out after ${timeoutMs} ms: ${describe()}`)));
        }, timeoutMs),
      };
      this.#waiters.add(waiter);
    });
  }

  close(reason: string): void {
    this.#closedReason = reason;
    for (const waiter of this.#waiters) this.#settle(waiter, () => waiter.reject(new Error(reason)));
  }

  #settle(waiter: Waiter<T>, settle: () => void): void {
    clearTimeout(waiter.timer);
    this.#waiters.delete(waiter);
    settle();
  }
}
