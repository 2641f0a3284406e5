import { describe, expect, it } from 'vitest';
import { splitBySize } from './outbox-relay';

describe('splitBySize', () => {
  it('keeps order and puts as many items per chunk as fit under the cap', () => {
    expect(splitBySize([3, 3, 3, 3, 3], (n) => n, 8)).toEqual([[3, 3], [3, 3], [3]]);
  });

  it('sends an item larger than the cap alone instead of dropping it', () => {
    expect(splitBySize([1, 50, 1], (n) => n, 8)).toEqual([[1], [50], [1]]);
    expect(splitBySize([], (n: number) => n, 8)).toEqual([]);
  });
});
