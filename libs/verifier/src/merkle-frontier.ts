/**
 * A Merkle "frontier" (compact range over [0, size)): the roots of the perfect subtrees that make up a
 * tree of `size` leaves, one per set bit of `size`, largest (leftmost) first. Appending a leaf is O(1)
 * amortized and the root is O(log n), with O(log n) memory, so a service can recompute the root of a
 * million-leaf log in one pass over its leaf hashes and persist the frontier next to each checkpoint.
 *
 * Folding the frontier right-to-left with the node hash gives exactly MTH(D[size]) of RFC 9162 §2.1.1,
 * because the RFC's split at the largest power of two peels off these perfect subtrees from the left.
 */
import { EMPTY_ROOT, HASH_SIZE, isHash, leafHash, nodeHash } from './merkle';

/** The persisted form of a frontier: its size and the perfect subtree roots, largest first. */
export interface MerkleFrontierState {
  size: number;
  hashes: Uint8Array[];
}

export class MerkleFrontier {
  private count = 0;
  /** Perfect subtree roots, largest first; heights are the set bits of `count`, descending. */
  private nodes: Uint8Array[] = [];

  /** Number of leaves appended so far. */
  get size(): number {
    return this.count;
  }

  /** Appends a leaf by its leaf hash (SHA-256(0x00 || data)). */
  append(leaf: Uint8Array): void {
    if (!isHash(leaf)) throw new TypeError(`leaf hash must be ${HASH_SIZE} bytes`);
    let hash = leaf;
    // Merge equal-height subtrees: one merge per trailing 1-bit of the old size.
    for (let n = this.count; n % 2 === 1; n = Math.floor(n / 2)) {
      hash = nodeHash(this.nodes.pop() as Uint8Array, hash);
    }
    this.nodes.push(hash);
    this.count += 1;
  }

  /** Appends a leaf by its data, hashing it as a leaf first. */
  appendData(data: Uint8Array): void {
    this.append(leafHash(data));
  }

  /** MTH(D[size]): the current root (SHA-256("") for the empty tree). */
  root(): Uint8Array {
    if (this.nodes.length === 0) return EMPTY_ROOT;
    let acc = this.nodes[this.nodes.length - 1];
    for (let i = this.nodes.length - 2; i >= 0; i--) acc = nodeHash(this.nodes[i], acc);
    return acc;
  }

  /** A copy of the state, to persist alongside a checkpoint. */
  state(): MerkleFrontierState {
    return { size: this.count, hashes: this.nodes.map((h) => h.slice()) };
  }

  /** An independent copy of this frontier. */
  clone(): MerkleFrontier {
    return MerkleFrontier.fromState(this.state());
  }

  /** Restores a frontier from `state()`; checks that there is one hash per set bit of the size. */
  static fromState(state: MerkleFrontierState): MerkleFrontier {
    if (!Number.isSafeInteger(state.size) || state.size < 0) throw new RangeError('invalid frontier size');
    let bits = 0;
    for (let n = state.size; n > 0; n = Math.floor(n / 2)) bits += n % 2;
    if (state.hashes.length !== bits || !state.hashes.every(isHash)) {
      throw new RangeError(`a frontier of size ${state.size} needs ${bits} hashes of ${HASH_SIZE} bytes`);
    }
    const frontier = new MerkleFrontier();
    frontier.count = state.size;
    frontier.nodes = state.hashes.map((h) => h.slice());
    return frontier;
  }

  /** Builds a frontier from leaf hashes in order. */
  static fromLeafHashes(leafHashes: Iterable<Uint8Array>): MerkleFrontier {
    const frontier = new MerkleFrontier();
    for (const h of leafHashes) frontier.append(h);
    return frontier;
  }
}
