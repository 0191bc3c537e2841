/**
 * A FIFO lock for async work. Release hands the lock straight to the next waiter, so a caller
 * that arrives in between cannot overtake the queue.
 */
export class AsyncMutex {
  private locked = false;
  private readonly waiters: Array<() => void> = [];

  /** Nobody holds the lock (so nobody waits for it either): work run now cannot overtake anyone. */
  get idle(): boolean {
    return !this.locked;
  }

  async run<T>(fn: () => T | Promise<T>): Promise<T> {
    if (this.locked) await new Promise<void>((resolve) => this.waiters.push(resolve));
    else this.locked = true;
    try {
      return await fn();
    } finally {
      const next = this.waiters.shift();
      if (next) next();
      else this.locked = false;
    }
  }
}
