interface Pending<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: items submitted while a batch is being written wait and go together into the next
 * batch (one transaction), so throughput is bounded by the database's commit rate times the batch size,
 * not one commit per item. One batch is in flight at a time per process; `write` returns one result
 * per item, in order, or throws to fail the whole batch.
 */
export class GroupCommitter<T, R> {
  private queue: Pending<T, R>[] = [];
  private running = false;

  constructor(
    private readonly write: (items: T[]) => Promise<R[]>,
    private readonly maxBatch: number,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  get pending(): number {
    return this.queue.length;
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          const results = await this.write(batch.map((p) => p.item));
          batch.forEach((p, i) => p.resolve(results[i]));
        } catch (error) {
          for (const p of batch) p.reject(error);
        }
      }
    } finally {
      this.running = false;
    }
  }
}
