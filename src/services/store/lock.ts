import { AsyncLocalStorage } from 'node:async_hooks';

/** Runs async sections one after another per name, in this process (other processes are the backend's job). */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<unknown>>();
  private readonly holder = new AsyncLocalStorage<KeyedMutex>();

  /**
   * Runs fn holding every named lock; names are taken in sorted order, so two callers never deadlock. A unit
   * cannot start inside another (it would wait for itself, or not be part of the outer one).
   */
  async run<R>(names: readonly string[], fn: () => Promise<R>): Promise<R> {
    if (this.holder.getStore() === this) throw new Error('a unit of change cannot start inside another');
    const sorted = [...new Set(names)].sort();
    const release: (() => void)[] = [];
    try {
      for (const name of sorted) release.push(await this.acquire(name));
      return await this.holder.run(this, fn);
    } finally {
      for (const done of release.reverse()) done();
    }
  }

  private async acquire(name: string): Promise<() => void> {
    const previous = this.tails.get(name) ?? Promise.resolve();
    let done!: () => void;
    const mine = new Promise<void>((resolve) => {
      done = resolve;
    });
    const tail = previous.then(() => mine);
    this.tails.set(name, tail);
    await previous;
    return () => {
      done();
      if (this.tails.get(name) === tail) this.tails.delete(name);
    };
  }
}

/**
 * Many readers or one writer, for a connection that a transaction takes over while it runs. A read made
 * from inside the writer's own work (a plain read within a unit) goes straight through: it is part of it.
 */
export class ReadWriteLock {
  private readers = 0;
  private writer = false;
  private readonly queue: { write: boolean; wake: () => void }[] = [];
  private readonly holder = new AsyncLocalStorage<ReadWriteLock>();

  async read<R>(fn: () => Promise<R>): Promise<R> {
    if (this.holder.getStore() === this) return fn();
    await this.take(false);
    try {
      return await fn();
    } finally {
      this.readers--;
      this.next();
    }
  }

  async write<R>(fn: () => Promise<R>): Promise<R> {
    if (this.holder.getStore() === this) throw new Error('a unit of change cannot start inside another');
    await this.take(true);
    try {
      return await this.holder.run(this, fn);
    } finally {
      this.writer = false;
      this.next();
    }
  }

  private take(write: boolean): Promise<void> {
    // Readers do not overtake a waiting writer, so a stream of reads cannot starve a change.
    if (!this.writer && (write ? this.readers === 0 : true) && this.queue.length === 0) {
      if (write) this.writer = true;
      else this.readers++;
      return Promise.resolve();
    }
    return new Promise((wake) => this.queue.push({ write, wake }));
  }

  private next() {
    while (this.queue.length > 0 && !this.writer) {
      const head = this.queue[0];
      if (!head) break;
      if (head.write) {
        if (this.readers > 0) break;
        this.queue.shift();
        this.writer = true;
        head.wake();
        break;
      }
      this.queue.shift();
      this.readers++;
      head.wake();
    }
  }
}
