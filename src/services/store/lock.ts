/** Runs async sections one after another per name, in this process (other processes are the backend's job). */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Runs fn holding every named lock; names are taken in sorted order, so two callers never deadlock. */
  async run<R>(names: readonly string[], fn: () => Promise<R>): Promise<R> {
    const sorted = [...new Set(names)].sort();
    const release: (() => void)[] = [];
    try {
      for (const name of sorted) release.push(await this.acquire(name));
      return await fn();
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

/** Many readers or one writer, for a connection that a transaction takes over while it runs. */
export class ReadWriteLock {
  private readers = 0;
  private writer = false;
  private readonly queue: { write: boolean; wake: () => void }[] = [];

  async read<R>(fn: () => Promise<R>): Promise<R> {
    await this.take(false);
    try {
      return await fn();
    } finally {
      this.readers--;
      this.next();
    }
  }

  async write<R>(fn: () => Promise<R>): Promise<R> {
    await this.take(true);
    try {
      return await fn();
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
