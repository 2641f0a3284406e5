/**
 * An append-only, in-memory RFC 9162 Merkle tree that stores every perfect subtree root, so roots at any
 * past size, inclusion proofs (§2.1.3.1) and consistency proofs (§2.1.4.1) cost O(log² n) hashes instead
 * of the O(n) of recomputing from the leaves.
 *
 * Storage is one flat, doubling Uint8Array per level (about 64 bytes per leaf in total: 64 MB for a million
 * leaves), not one object per node, to keep garbage-collector pressure low.
 */
import {
  consistencyProofFrom,
  EMPTY_ROOT,
  HASH_SIZE,
  inclusionProofFrom,
  isHash,
  leafHash,
  nodeHash,
  splitPoint,
  type SubtreeSource,
} from './merkle';

class HashLevel {
  private buffer = new Uint8Array(HASH_SIZE * 16);
  count = 0;

  push(hash: Uint8Array): void {
    if ((this.count + 1) * HASH_SIZE > this.buffer.length) {
      const grown = new Uint8Array(this.buffer.length * 2);
      grown.set(this.buffer);
      this.buffer = grown;
    }
    this.buffer.set(hash, this.count * HASH_SIZE);
    this.count += 1;
  }

  get(index: number): Uint8Array {
    return this.buffer.slice(index * HASH_SIZE, (index + 1) * HASH_SIZE);
  }
}

export class MerkleTree implements SubtreeSource {
  /** levels[h] holds the roots of the complete subtrees of 2^h leaves, left to right. */
  private readonly levels: HashLevel[] = [new HashLevel()];

  /** Number of leaves. */
  get size(): number {
    return this.levels[0].count;
  }

  /** Appends a leaf by its leaf hash; O(1) amortized hashes. */
  append(leaf: Uint8Array): void {
    if (!isHash(leaf)) throw new TypeError(`leaf hash must be ${HASH_SIZE} bytes`);
    let hash = leaf;
    for (let height = 0; ; height++) {
      const level = this.levels[height] ?? (this.levels[height] = new HashLevel());
      level.push(hash);
      if (level.count % 2 === 1) return;
      hash = nodeHash(level.get(level.count - 2), hash);
    }
  }

  /** Appends a leaf by its data, hashing it as a leaf first. */
  appendData(data: Uint8Array): void {
    this.append(leafHash(data));
  }

  /** The leaf hash at `index`. */
  leafHash(index: number): Uint8Array {
    if (!Number.isSafeInteger(index) || index < 0 || index >= this.size) {
      throw new RangeError(`no leaf at index ${index}`);
    }
    return this.levels[0].get(index);
  }

  /** MTH of the first `size` leaves (default: all of them). */
  root(size: number = this.size): Uint8Array {
    if (!Number.isSafeInteger(size) || size < 0 || size > this.size) {
      throw new RangeError(`tree size ${size} is outside 0..${this.size}`);
    }
    return size === 0 ? EMPTY_ROOT : this.subtreeRoot(0, size);
  }

  /** Inclusion proof for the leaf at `index` in the tree of the first `size` leaves. */
  inclusionProof(index: number, size: number = this.size): Uint8Array[] {
    return inclusionProofFrom(this, index, size);
  }

  /** Consistency proof between the trees of the first `size1` and `size2` leaves. */
  consistencyProof(size1: number, size2: number = this.size): Uint8Array[] {
    return consistencyProofFrom(this, size1, size2);
  }

  /** MTH(D[start:start+size]) from stored perfect subtrees, splitting as RFC 9162 §2.1.1 does. */
  subtreeRoot(start: number, size: number): Uint8Array {
    if (size < 1 || start + size > this.size) throw new RangeError('subtree outside the tree');
    let height = 0;
    while (2 ** height < size) height++;
    if (2 ** height === size && start % size === 0) return this.levels[height].get(start / size);
    const k = splitPoint(size);
    return nodeHash(this.subtreeRoot(start, k), this.subtreeRoot(start + k, size - k));
  }

  /** Builds a tree from leaf hashes in order. */
  static fromLeafHashes(leafHashes: Iterable<Uint8Array>): MerkleTree {
    const tree = new MerkleTree();
    for (const h of leafHashes) tree.append(h);
    return tree;
  }
}
