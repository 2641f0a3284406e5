/**
 * RFC 9162 (Certificate Transparency 2.0) Merkle tree hashing, proof generation and proof verification,
 * with SHA-256 as the hash (the RFC 6962 tree, which RFC 9162 §2.1 keeps unchanged).
 *
 * - §2.1.1: MTH({}) = SHA-256(""), leaf hash = SHA-256(0x00 || d), node hash = SHA-256(0x01 || l || r),
 *   and a tree of n > 1 leaves splits at k, the largest power of two smaller than n.
 * - §2.1.3.1 / §2.1.3.2: inclusion proof generation (PATH) and verification.
 * - §2.1.4.1 / §2.1.4.2: consistency proof generation (PROOF/SUBPROOF) and verification.
 *
 * Sizes and indices are JavaScript numbers and must be safe integers; arithmetic avoids 32-bit bitwise
 * operators so trees beyond 2^31 leaves are handled correctly.
 *
 * The generators here take the whole array of leaf hashes and cost O(n) hashes per proof; `MerkleTree`
 * (merkle-tree.ts) answers the same questions in O(log² n) from stored interior nodes, and
 * `MerkleFrontier` (merkle-frontier.ts) computes roots incrementally in O(log n) memory.
 */
import { bytesEqual } from './encoding';
import { sha256 } from './sha256';

/** Length in bytes of every hash in the tree. */
export const HASH_SIZE = 32;

/** MTH({}): the root of the empty tree, SHA-256 of the empty string (RFC 9162 §2.1.1). */
export const EMPTY_ROOT: Uint8Array = sha256(new Uint8Array(0));

const nodeInput = new Uint8Array(1 + 2 * HASH_SIZE);
nodeInput[0] = 0x01;

/** Leaf hash: SHA-256(0x00 || data) (RFC 9162 §2.1.1). */
export function leafHash(data: Uint8Array): Uint8Array {
  const input = new Uint8Array(1 + data.length);
  input.set(data, 1);
  return sha256(input);
}

/** Interior node hash: SHA-256(0x01 || left || right) (RFC 9162 §2.1.1). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  assertHash(left, 'left child');
  assertHash(right, 'right child');
  nodeInput.set(left, 1);
  nodeInput.set(right, 1 + HASH_SIZE);
  return sha256(nodeInput);
}

/** The largest power of two strictly smaller than n, for n > 1: the split point k of RFC 9162 §2.1.1. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** True when n is a power of two (1, 2, 4, ...). */
export function isPowerOfTwo(n: number): boolean {
  return n >= 1 && splitPoint(n + 1) === n;
}

/**
 * Something that can produce MTH(D[start:start+size]) for the subtrees the RFC algorithms ask about.
 * `MerkleTree` implements it from stored nodes; arrays of leaf hashes are wrapped by `leafArraySource`.
 */
export interface SubtreeSource {
  /** Number of leaves available. */
  readonly size: number;
  /** MTH of the `size` leaves starting at `start`; `size` is at least 1. */
  subtreeRoot(start: number, size: number): Uint8Array;
}

/** Wraps an array of leaf hashes as a SubtreeSource that recomputes each subtree (O(size) hashes). */
export function leafArraySource(leafHashes: readonly Uint8Array[]): SubtreeSource {
  leafHashes.forEach((h, i) => assertHash(h, `leaf hash ${i}`));
  const subtreeRoot = (start: number, size: number): Uint8Array => {
    if (size === 1) return leafHashes[start];
    const k = splitPoint(size);
    return nodeHash(subtreeRoot(start, k), subtreeRoot(start + k, size - k));
  };
  return { size: leafHashes.length, subtreeRoot };
}

/** MTH(D[n]) of a list of leaf hashes (RFC 9162 §2.1.1). */
export function rootOf(leafHashes: readonly Uint8Array[]): Uint8Array {
  if (leafHashes.length === 0) return EMPTY_ROOT;
  return leafArraySource(leafHashes).subtreeRoot(0, leafHashes.length);
}

/**
 * Inclusion proof PATH(m, D[n]) for the leaf at `index` in the tree of the first `size` leaves
 * (RFC 9162 §2.1.3.1), ordered from the leaf's sibling up to the root's child.
 */
export function inclusionProof(
  leafHashes: readonly Uint8Array[],
  index: number,
  size: number = leafHashes.length,
): Uint8Array[] {
  return inclusionProofFrom(leafArraySource(leafHashes), index, size);
}

/** PATH(m, D[n]) computed from any SubtreeSource (RFC 9162 §2.1.3.1). */
export function inclusionProofFrom(source: SubtreeSource, index: number, size: number): Uint8Array[] {
  assertSize(size, 'tree size');
  if (size > source.size) throw new RangeError(`tree size ${size} exceeds the ${source.size} leaves known`);
  assertSize(index, 'leaf index');
  if (index >= size) throw new RangeError(`leaf index ${index} is not below tree size ${size}`);
  const proof: Uint8Array[] = [];
  // Iterative PATH: descend from the root, collecting siblings, then reverse to leaf-to-root order.
  let start = 0;
  let n = size;
  let m = index;
  while (n > 1) {
    const k = splitPoint(n);
    if (m < k) {
      proof.push(source.subtreeRoot(start + k, n - k));
      n = k;
    } else {
      proof.push(source.subtreeRoot(start, k));
      start += k;
      m -= k;
      n -= k;
    }
  }
  return proof.reverse();
}

/**
 * Consistency proof PROOF(m, D[n]) between the trees of the first `size1` and `size2` leaves
 * (RFC 9162 §2.1.4.1). Empty when size1 is 0 or equal to size2.
 */
export function consistencyProof(
  leafHashes: readonly Uint8Array[],
  size1: number,
  size2: number = leafHashes.length,
): Uint8Array[] {
  return consistencyProofFrom(leafArraySource(leafHashes), size1, size2);
}

/** PROOF(m, D[n]) computed from any SubtreeSource (RFC 9162 §2.1.4.1). */
export function consistencyProofFrom(source: SubtreeSource, size1: number, size2: number): Uint8Array[] {
  assertSize(size1, 'first tree size');
  assertSize(size2, 'second tree size');
  if (size2 > source.size) throw new RangeError(`tree size ${size2} exceeds the ${source.size} leaves known`);
  if (size1 > size2) throw new RangeError(`first tree size ${size1} exceeds second tree size ${size2}`);
  if (size1 === 0 || size1 === size2) return [];
  // Iterative SUBPROOF(m, D[start:start+n], b), collecting from the root down, then reversed.
  const proof: Uint8Array[] = [];
  let start = 0;
  let n = size2;
  let m = size1;
  let complete = true; // b: whether the subtree D[start:start+m] is the whole of the old tree
  while (m !== n) {
    const k = splitPoint(n);
    if (m <= k) {
      proof.push(source.subtreeRoot(start + k, n - k));
      n = k;
    } else {
      proof.push(source.subtreeRoot(start, k));
      start += k;
      m -= k;
      n -= k;
      complete = false;
    }
  }
  if (!complete) proof.push(source.subtreeRoot(start, m));
  return proof.reverse();
}

/**
 * Recomputes the root from an inclusion proof (RFC 9162 §2.1.3.2 steps 1-5). Throws when the proof is
 * malformed for the given index and size (too short, too long, index out of range, wrong hash length).
 */
export function rootFromInclusionProof(
  leaf: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
): Uint8Array {
  assertHash(leaf, 'leaf hash');
  assertSize(index, 'leaf index');
  assertSize(size, 'tree size');
  if (index >= size) throw new RangeError(`leaf index ${index} is not below tree size ${size}`);
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    assertHash(p, 'proof hash');
    if (sn === 0) throw new RangeError('inclusion proof is too long');
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) throw new RangeError('inclusion proof is too short');
  return r;
}

/** Verifies an inclusion proof against a root (RFC 9162 §2.1.3.2). Never throws. */
export function verifyInclusion(
  leaf: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  try {
    return isHash(root) && bytesEqual(rootFromInclusionProof(leaf, index, size, proof), root);
  } catch {
    return false;
  }
}

/**
 * Verifies a consistency proof between two tree heads (RFC 9162 §2.1.4.2). Never throws.
 *
 * Degenerate cases the RFC leaves to the caller: size1 = size2 requires an empty proof and equal roots;
 * size1 = 0 requires an empty proof and root1 = MTH({}); size1 > size2 fails.
 */
export function verifyConsistency(
  size1: number,
  size2: number,
  root1: Uint8Array,
  root2: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  try {
    assertSize(size1, 'first tree size');
    assertSize(size2, 'second tree size');
    assertHash(root1, 'first root');
    assertHash(root2, 'second root');
    proof.forEach((p) => assertHash(p, 'proof hash'));
  } catch {
    return false;
  }
  if (size1 > size2) return false;
  if (size1 === size2) return proof.length === 0 && bytesEqual(root1, root2);
  if (size1 === 0) return proof.length === 0 && bytesEqual(root1, EMPTY_ROOT);
  // Step 1: a non-trivial proof is never empty.
  if (proof.length === 0) return false;
  // Step 2: a power-of-two old tree is itself a node of the new one; its root starts the path.
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : [...proof];
  // Steps 3-4.
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  // Step 5.
  let fr = path[0];
  let sr = path[0];
  // Step 6.
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  // Step 7.
  return sn === 0 && bytesEqual(fr, root1) && bytesEqual(sr, root2);
}

/** True when the value is a 32-byte Uint8Array. */
export function isHash(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array && value.length === HASH_SIZE;
}

function assertHash(value: unknown, what: string): asserts value is Uint8Array {
  if (!isHash(value)) throw new TypeError(`${what} must be a ${HASH_SIZE}-byte hash`);
}

function assertSize(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${what} must be a non-negative safe integer, got ${value}`);
  }
}
