/**
 * The status map: a verifiable log-backed map from certification id to the latest status leaf of that
 * certification in the transparency log, committed in every signed checkpoint on an extension line. It is
 * what makes "this is the certificate's status as of checkpoint size N" provable offline: a bundle carries
 * a map proof, and an old leaf re-proven against a newer checkpoint no longer matches the map's entry.
 *
 * Structure: a sparse Merkle tree over 256-bit keys with shortcut leaves (a subtree holding exactly one
 * entry is that entry's leaf hash, at whatever depth), so depth is about log2(n) + 2, an update rehashes
 * one path and a proof is one sibling per level. The map is a pure function of the log's leaves
 * [0, size): anyone holding the leaves (audit:verify, a mirror) recomputes its root and catches a log
 * that signs a wrong one.
 *
 *   key        = SHA-256(UTF-8 certification id)                         (bit 0 = most significant bit)
 *   value      = (leaf index u64, log leaf hash [32], status)            status: pending | certified |
 *                                                                         approved | rejected | revoked |
 *                                                                         expired (UTF-8, last)
 *   empty      = 32 zero bytes                                           (a subtree with no entry)
 *   leaf hash  = SHA-256(0x02 || key || u64be(index) || leaf_hash || UTF-8 status)
 *   node hash  = SHA-256(0x03 || left || right)                          (a subtree with >= 2 entries)
 *
 * 0x02 and 0x03 keep map hashes apart from the RFC 9162 log's 0x00 (leaf) and 0x01 (node).
 * The root is the hash of the whole key space (depth 0); the checkpoint line is
 * `runcible-status-map/v1 <base64 root>`.
 *
 * A proof for a key is the occupant of the first subtree on the key's path that holds at most one entry
 * (`leaf`: that entry, or null when the subtree is empty) and the siblings of that path, deepest first
 * (null for an empty sibling). Membership: the occupant's key is the key. Non-membership: it is empty or
 * another key with the same first `siblings.length` bits.
 */
import { CERTIFICATION_STATUSES, type CertificationStatus } from './bundle';
import { bytesEqual, fromBase64, fromHex, toBase64, toHex, utf8 } from './encoding';
import { sha256 } from './sha256';

export const STATUS_MAP_EXTENSION = 'runcible-status-map/v1';
export const STATUS_MAP_EMPTY: Uint8Array = new Uint8Array(32);
const LEAF_PREFIX = 0x02;
const NODE_PREFIX = 0x03;
const KEY_BITS = 256;

/** What the map holds for a certification: its latest status leaf in the log. */
export interface StatusMapValue {
  /** Index of the leaf in the log. */
  index: number;
  /** RFC 9162 leaf hash of that leaf, lower-case hex. */
  leaf_hash: string;
  status: CertificationStatus;
}

/** A map proof (JSON form, as carried in bundles and served by the log). */
export interface StatusMapProof {
  /** Lower-case hex key: SHA-256 of the certification id. */
  key: string;
  /** The entry at the end of the key's path, or null when that subtree is empty. */
  leaf: { key: string; value: StatusMapValue } | null;
  /** Sibling hashes from the deepest level up to the root's children, base64; null = empty subtree. */
  siblings: (string | null)[];
}

/** Raised when a status map proof is malformed or does not lead to the expected root. */
export class StatusMapError extends Error {
  override name = 'StatusMapError';
}

/** SHA-256 of the UTF-8 certification id. */
export function statusMapKey(certificationId: string): Uint8Array {
  return sha256(certificationId);
}

const nodeInput = new Uint8Array(65);
nodeInput[0] = NODE_PREFIX;

/** SHA-256(0x03 || left || right). */
export function statusMapNodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  nodeInput.set(left, 1);
  nodeInput.set(right, 33);
  return sha256(nodeInput);
}

/** SHA-256(0x02 || key || u64be(index) || leaf_hash || UTF-8 status). */
export function statusMapLeafHash(
  key: Uint8Array,
  index: number,
  leafHash: Uint8Array,
  status: string,
): Uint8Array {
  if (key.length !== 32 || leafHash.length !== 32)
    throw new StatusMapError('keys and leaf hashes are 32 bytes');
  if (!Number.isSafeInteger(index) || index < 0) throw new StatusMapError('invalid leaf index');
  const statusBytes = utf8(status);
  const input = new Uint8Array(1 + 32 + 8 + 32 + statusBytes.length);
  input[0] = LEAF_PREFIX;
  input.set(key, 1);
  new DataView(input.buffer).setBigUint64(33, BigInt(index), false);
  input.set(leafHash, 41);
  input.set(statusBytes, 73);
  return sha256(input);
}

function bit(key: Uint8Array, depth: number): number {
  return (key[depth >> 3] >> (7 - (depth & 7))) & 1;
}

/** A SHA-256 implementation; Node callers may pass node:crypto's, the default is the library's. */
export type Sha256 = (data: Uint8Array) => Uint8Array;

/** Depth of the dense top of the tree: 2^16 buckets, a few entries each at a million keys. */
const TOP = 16;
const BUCKETS = 1 << TOP;
const STATUS_CODES = new Map(CERTIFICATION_STATUSES.map((s, i) => [s, i]));

/**
 * A mutable status map in memory, kept compact for a million keys (about 110 bytes per key, in flat
 * typed arrays, plus 4 MB): entries live in pools, the first 16 levels are dense arrays of hashes and
 * counts, and each of the 2^16 buckets below them lists its entries (a few per bucket at 1M keys) and is
 * hashed from them on demand. `set` hashes nothing; `root` rehashes the changed buckets and their paths,
 * so a checkpoint after k updates costs about k * (2 + bucket size + 16) hashes, and a proof about as
 * much. Hashes are identical to the definition above (shortcut leaves included), which the unit tests
 * check against a direct recursive implementation.
 */
export class StatusMap {
  private capacity = 0;
  private count = 0;
  private keys = new Uint8Array(0);
  private leafHashes = new Uint8Array(0);
  private indexes = new Float64Array(0);
  private statuses = new Uint8Array(0);
  private hashes = new Uint8Array(0);
  private hashed = new Uint8Array(0);
  private readonly buckets: number[][] = Array.from({ length: BUCKETS }, () => []);
  /** levels[d]: hashes (32 bytes each) and entry counts of the 2^d subtrees at depth d, d = 0..TOP. */
  private readonly levelHashes: Uint8Array[] = [];
  private readonly levelCounts: Uint32Array[] = [];
  private dirty = new Set<number>();
  private readonly hash: Sha256;
  private readonly nodeInput = new Uint8Array(65);

  constructor(options: { sha256?: Sha256 } = {}) {
    this.hash = options.sha256 ?? sha256;
    this.nodeInput[0] = NODE_PREFIX;
    for (let d = 0; d <= TOP; d++) {
      this.levelHashes.push(new Uint8Array((1 << d) * 32));
      this.levelCounts.push(new Uint32Array(1 << d));
    }
  }

  /** Number of keys. */
  get size(): number {
    return this.count;
  }

  /** SHA-256 of the certification id, with this map's hash function. */
  keyOf(certificationId: string): Uint8Array {
    return this.hash(utf8(certificationId));
  }

  /** Records the latest status leaf of a certification (replacing the previous one). */
  set(certificationId: string, index: number, leafHash: Uint8Array, status: CertificationStatus): void {
    this.setKey(this.keyOf(certificationId), index, leafHash, status);
  }

  setKey(key: Uint8Array, index: number, leafHash: Uint8Array, status: CertificationStatus): void {
    if (key.length !== 32 || leafHash.length !== 32)
      throw new StatusMapError('keys and leaf hashes are 32 bytes');
    if (!Number.isSafeInteger(index) || index < 0) throw new StatusMapError('invalid leaf index');
    const code = STATUS_CODES.get(status);
    if (code === undefined) throw new StatusMapError(`unknown status ${status}`);
    const b = (key[0] << 8) | key[1];
    const bucket = this.buckets[b];
    let entry = bucket.find((e) => this.keyEquals(e, key));
    if (entry === undefined) {
      entry = this.allocate();
      this.keys.set(key, entry * 32);
      bucket.push(entry);
    }
    this.leafHashes.set(leafHash, entry * 32);
    this.indexes[entry] = index;
    this.statuses[entry] = code;
    this.hashed[entry] = 0;
    this.dirty.add(b);
  }

  /** The entry of a certification, if any. */
  get(certificationId: string): StatusMapValue | undefined {
    const key = this.keyOf(certificationId);
    const entry = this.buckets[(key[0] << 8) | key[1]].find((e) => this.keyEquals(e, key));
    return entry === undefined ? undefined : this.valueOf(entry);
  }

  /** The root hash (STATUS_MAP_EMPTY for the empty map). */
  root(): Uint8Array {
    this.rehash();
    return this.levelHashes[0].slice(0, 32);
  }

  /** The proof for a certification id (membership or non-membership). */
  prove(certificationId: string): StatusMapProof {
    this.rehash();
    const key = this.keyOf(certificationId);
    const siblings: (string | null)[] = [];
    const push = (hash: Uint8Array | null): void => {
      siblings.push(hash === null ? null : toBase64(hash));
    };
    let index = 0;
    for (let depth = 0; depth < TOP; depth++) {
      if (this.levelCounts[depth][index] <= 1) return this.proofEnd(key, siblings, depth, index);
      const child = index * 2 + bit(key, depth);
      const sibling = child ^ 1;
      push(this.levelCounts[depth + 1][sibling] === 0 ? null : this.levelHash(depth + 1, sibling));
      index = child;
    }
    let entries = this.buckets[index];
    for (let depth = TOP; entries.length > 1; depth++) {
      const side = bit(key, depth);
      const same = entries.filter((e) => this.keyBit(e, depth) === side);
      const other = entries.filter((e) => this.keyBit(e, depth) !== side);
      push(other.length === 0 ? null : this.subtreeHash(other, depth + 1));
      entries = same;
    }
    return this.finish(key, siblings, entries[0]);
  }

  private proofEnd(
    key: Uint8Array,
    siblings: (string | null)[],
    depth: number,
    index: number,
  ): StatusMapProof {
    if (this.levelCounts[depth][index] === 0) return this.finish(key, siblings, undefined);
    // the single entry below: follow the non-empty child down to its bucket
    for (let d = depth; d < TOP; d++)
      index = this.levelCounts[d + 1][index * 2] === 1 ? index * 2 : index * 2 + 1;
    return this.finish(key, siblings, this.buckets[index][0]);
  }

  private finish(key: Uint8Array, siblings: (string | null)[], entry: number | undefined): StatusMapProof {
    siblings.reverse();
    return {
      key: toHex(key),
      leaf:
        entry === undefined
          ? null
          : { key: toHex(this.keys.subarray(entry * 32, entry * 32 + 32)), value: this.valueOf(entry) },
      siblings,
    };
  }

  private rehash(): void {
    if (this.dirty.size === 0) return;
    let changed = [...this.dirty];
    this.dirty = new Set();
    for (const b of changed) {
      const entries = this.buckets[b];
      this.levelCounts[TOP][b] = entries.length;
      this.levelHashes[TOP].set(this.subtreeHash(entries, TOP), b * 32);
    }
    for (let depth = TOP - 1; depth >= 0; depth--) {
      const parents = new Set<number>();
      for (const c of changed) parents.add(c >> 1);
      const counts = this.levelCounts[depth + 1];
      const hashes = this.levelHashes[depth + 1];
      for (const p of parents) {
        const l = counts[p * 2];
        const r = counts[p * 2 + 1];
        this.levelCounts[depth][p] = l + r;
        const left = hashes.subarray(p * 64, p * 64 + 32);
        const right = hashes.subarray(p * 64 + 32, p * 64 + 64);
        // at most one entry below: the subtree's hash is that entry's leaf hash (or empty), floated up
        const hash = l + r <= 1 ? (l === 1 ? left : right).slice() : this.node(left, right);
        this.levelHashes[depth].set(hash, p * 32);
      }
      changed = [...parents];
    }
  }

  private levelHash(depth: number, index: number): Uint8Array {
    return this.levelHashes[depth].slice(index * 32, index * 32 + 32);
  }

  /** Hash of the subtree at `depth` holding exactly `entries` (all sharing the first `depth` bits). */
  private subtreeHash(entries: number[], depth: number): Uint8Array {
    if (entries.length === 0) return STATUS_MAP_EMPTY;
    if (entries.length === 1) return this.entryHash(entries[0]);
    const left: number[] = [];
    const right: number[] = [];
    for (const e of entries) (this.keyBit(e, depth) ? right : left).push(e);
    return this.node(this.subtreeHash(left, depth + 1), this.subtreeHash(right, depth + 1));
  }

  private node(left: Uint8Array, right: Uint8Array): Uint8Array {
    this.nodeInput.set(left, 1);
    this.nodeInput.set(right, 33);
    return this.hash(this.nodeInput);
  }

  private entryHash(entry: number): Uint8Array {
    if (!this.hashed[entry]) {
      const status = utf8(CERTIFICATION_STATUSES[this.statuses[entry]]);
      const input = new Uint8Array(73 + status.length);
      input[0] = LEAF_PREFIX;
      input.set(this.keys.subarray(entry * 32, entry * 32 + 32), 1);
      new DataView(input.buffer).setBigUint64(33, BigInt(this.indexes[entry]), false);
      input.set(this.leafHashes.subarray(entry * 32, entry * 32 + 32), 41);
      input.set(status, 73);
      this.hashes.set(this.hash(input), entry * 32);
      this.hashed[entry] = 1;
    }
    return this.hashes.subarray(entry * 32, entry * 32 + 32);
  }

  private valueOf(entry: number): StatusMapValue {
    return {
      index: this.indexes[entry],
      leaf_hash: toHex(this.leafHashes.subarray(entry * 32, entry * 32 + 32)),
      status: CERTIFICATION_STATUSES[this.statuses[entry]],
    };
  }

  private keyBit(entry: number, depth: number): number {
    return (this.keys[entry * 32 + (depth >> 3)] >> (7 - (depth & 7))) & 1;
  }

  private keyEquals(entry: number, key: Uint8Array): boolean {
    const o = entry * 32;
    for (let i = 0; i < 32; i++) if (this.keys[o + i] !== key[i]) return false;
    return true;
  }

  private allocate(): number {
    if (this.count === this.capacity) {
      const capacity = Math.max(1024, this.capacity * 2);
      const grow = <T extends Uint8Array | Float64Array>(
        old: T,
        make: (n: number) => T,
        width: number,
      ): T => {
        const next = make(capacity * width);
        next.set(old as never);
        return next;
      };
      this.keys = grow(this.keys, (n) => new Uint8Array(n), 32);
      this.leafHashes = grow(this.leafHashes, (n) => new Uint8Array(n), 32);
      this.hashes = grow(this.hashes, (n) => new Uint8Array(n), 32);
      this.indexes = grow(this.indexes, (n) => new Float64Array(n), 1);
      this.statuses = grow(this.statuses, (n) => new Uint8Array(n), 1);
      this.hashed = grow(this.hashed, (n) => new Uint8Array(n), 1);
      this.capacity = capacity;
    }
    return this.count++;
  }
}

/** The checkpoint extension line committing to a map root. */
export function formatStatusMapExtension(root: Uint8Array): string {
  return `${STATUS_MAP_EXTENSION} ${toBase64(root)}`;
}

/**
 * The status map root committed by a checkpoint's extension lines, or undefined when it has none (a
 * checkpoint signed before status maps). Throws when the line is present but malformed or repeated.
 */
export function statusMapRootOf(extensions: readonly string[] | undefined): Uint8Array | undefined {
  const lines = (extensions ?? []).filter((l) => l.startsWith(`${STATUS_MAP_EXTENSION} `));
  if (lines.length === 0) return undefined;
  if (lines.length > 1) throw new StatusMapError('the checkpoint has more than one status map line');
  let root: Uint8Array;
  try {
    root = fromBase64(lines[0].slice(STATUS_MAP_EXTENSION.length + 1));
  } catch {
    throw new StatusMapError('the status map root is not base64');
  }
  if (root.length !== 32) throw new StatusMapError('the status map root is not 32 bytes');
  return root;
}

const hex64 = /^[0-9a-f]{64}$/;

function parseHash(text: string, what: string): Uint8Array {
  if (!hex64.test(text)) throw new StatusMapError(`${what} must be 64 lower-case hex digits`);
  return fromHex(text);
}

/**
 * Verifies a proof against a map root for a certification id. Returns the entry the map holds for it, or
 * null when the proof shows the map has none. Throws StatusMapError when the proof is malformed, is for
 * another key, or does not lead to `root`.
 */
export function verifyStatusMapProof(
  root: Uint8Array,
  certificationId: string,
  proof: StatusMapProof,
): StatusMapValue | null {
  const key = statusMapKey(certificationId);
  if (proof.key !== toHex(key)) throw new StatusMapError('the status proof is for another certification');
  const depth = proof.siblings.length;
  if (depth > KEY_BITS) throw new StatusMapError('the status proof is deeper than the key space');
  let hash: Uint8Array;
  let found: StatusMapValue | null = null;
  if (proof.leaf === null) {
    hash = STATUS_MAP_EMPTY;
    if (depth > 0 && proof.siblings[0] === null)
      throw new StatusMapError('non-canonical status proof: an empty subtree next to an empty one');
  } else {
    const leafKey = parseHash(proof.leaf.key, 'status proof leaf key');
    const { index, leaf_hash: leafHash, status } = proof.leaf.value;
    if (!Number.isSafeInteger(index) || index < 0) throw new StatusMapError('invalid leaf index');
    if (!(CERTIFICATION_STATUSES as readonly string[]).includes(status))
      throw new StatusMapError(`unknown status ${status}`);
    for (let d = 0; d < depth; d++) {
      if (bit(leafKey, d) !== bit(key, d))
        throw new StatusMapError('the status proof leaf is not on the path of the key');
    }
    if (depth > 0 && proof.siblings[0] === null)
      throw new StatusMapError('non-canonical status proof: a single entry next to an empty subtree');
    hash = statusMapLeafHash(leafKey, index, parseHash(leafHash, 'status proof leaf hash'), status);
    if (bytesEqual(leafKey, key)) found = { index, leaf_hash: leafHash, status };
  }
  for (let i = 0; i < depth; i++) {
    const text = proof.siblings[i];
    let sibling = STATUS_MAP_EMPTY;
    if (text !== null) {
      try {
        sibling = fromBase64(text);
      } catch {
        throw new StatusMapError('a status proof sibling is not base64');
      }
      if (sibling.length !== 32) throw new StatusMapError('a status proof sibling is not 32 bytes');
    }
    hash = bit(key, depth - 1 - i) ? statusMapNodeHash(sibling, hash) : statusMapNodeHash(hash, sibling);
  }
  if (!bytesEqual(hash, root))
    throw new StatusMapError('the status proof does not lead to the status map root');
  return found;
}
