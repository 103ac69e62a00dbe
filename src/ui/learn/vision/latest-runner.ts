/**
 * Runs an async job for the latest input only: while one runs, newer requests replace each other and the
 * last one runs next. Keeps a dragged slider responsive without queueing every intermediate value.
 */
export class LatestRunner<T> {
  private running = false;
  private next: T | null = null;
  private hasNext = false;

  constructor(private readonly job: (input: T) => Promise<void>) {}

  request(input: T): void {
    this.next = input;
    this.hasNext = true;
    if (!this.running) void this.drain();
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.hasNext) {
        const input = this.next as T;
        this.hasNext = false;
        await this.job(input);
      }
    } finally {
      this.running = false;
    }
  }
}
