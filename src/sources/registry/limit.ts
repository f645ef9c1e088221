/** At most `n` tasks at once (blob downloads share one registry connection pool and one disk). */
export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly n: number;

  constructor(n: number) {
    this.n = Math.max(1, Math.floor(n));
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active < this.n) this.active++;
    // The slot is handed over by the finishing task, so a newcomer can never squeeze in between.
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}
