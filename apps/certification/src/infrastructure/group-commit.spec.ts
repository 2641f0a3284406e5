import { describe, expect, it } from 'vitest';
import { GroupCommitter } from './group-commit';

describe('GroupCommitter', () => {
  it('batches items submitted while a batch is in flight and keeps results in order', async () => {
    const batches: number[][] = [];
    const committer = new GroupCommitter<number, number>(async (items) => {
      batches.push(items);
      await new Promise((r) => setTimeout(r, 10));
      return items.map((i) => i * 2);
    }, 50);
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => committer.submit(i)));
    expect(results).toEqual(Array.from({ length: 30 }, (_, i) => i * 2));
    expect(batches.length).toBe(2);
    expect(batches[0]).toEqual([0]);
  });

  it('fails every item of a failed batch', async () => {
    const committer = new GroupCommitter<number, number>(async () => {
      throw new Error('db down');
    }, 10);
    await expect(committer.submit(1)).rejects.toThrow('db down');
  });
});
