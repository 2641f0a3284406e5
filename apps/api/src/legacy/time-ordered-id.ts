import { randomUUID } from 'node:crypto';

/**
 * A UUID version 7 (RFC 9562 §5.7): the first 48 bits are the Unix time in milliseconds, the rest random
 * (74 bits, from a version 4 UUID whose version nibble becomes 7). Ids made one after the other sort
 * together, so the import's hundreds of thousands of new rows and audit events are appended to the right
 * edge of their B-tree indexes instead of landing on a random page each.
 */
export function timeOrderedId(now: number = Date.now()): string {
  const time = now.toString(16).padStart(12, '0');
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${randomUUID().slice(15)}`;
}
