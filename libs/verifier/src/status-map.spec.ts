import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';

import type { CertificationStatus } from './bundle';
import { fromBase64, toBase64, toHex } from './encoding';
import { sha256 } from './sha256';
import {
  formatStatusMapExtension,
  STATUS_MAP_EMPTY,
  StatusMap,
  StatusMapError,
  statusMapKey,
  statusMapLeafHash,
  statusMapNodeHash,
  statusMapRootOf,
  type StatusMapProof,
  verifyStatusMapProof,
} from './status-map';

interface Entry {
  key: Uint8Array;
  index: number;
  leafHash: Uint8Array;
  status: CertificationStatus;
}

/** The definition, written directly: the hash of the subtree at `depth` holding `entries`. */
function referenceHash(entries: Entry[], depth = 0): Uint8Array {
  if (entries.length === 0) return STATUS_MAP_EMPTY;
  if (entries.length === 1) {
    const [e] = entries;
    return statusMapLeafHash(e.key, e.index, e.leafHash, e.status);
  }
  const bitOf = (k: Uint8Array): number => (k[depth >> 3] >> (7 - (depth & 7))) & 1;
  return statusMapNodeHash(
    referenceHash(
      entries.filter((e) => bitOf(e.key) === 0),
      depth + 1,
    ),
    referenceHash(
      entries.filter((e) => bitOf(e.key) === 1),
      depth + 1,
    ),
  );
}

const id = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const leaf = (n: number): Uint8Array => sha256(`leaf ${n}`);

function build(n: number, map = new StatusMap()): { map: StatusMap; entries: Map<string, Entry> } {
  const entries = new Map<string, Entry>();
  for (let i = 0; i < n; i++) {
    map.set(id(i), i, leaf(i), 'certified');
    entries.set(id(i), { key: statusMapKey(id(i)), index: i, leafHash: leaf(i), status: 'certified' });
  }
  return { map, entries };
}

describe('status map (sparse Merkle tree with shortcut leaves)', () => {
  it('the empty map has the all-zero root and proves every key absent', () => {
    const map = new StatusMap();
    expect(toHex(map.root())).toBe('0'.repeat(64));
    const proof = map.prove(id(1));
    expect(proof).toEqual({ key: toHex(statusMapKey(id(1))), leaf: null, siblings: [] });
    expect(verifyStatusMapProof(map.root(), id(1), proof)).toBeNull();
  });

  it('one entry: the root is its leaf hash, proven with no siblings', () => {
    const map = new StatusMap();
    map.set(id(7), 42, leaf(42), 'revoked');
    expect(map.root()).toEqual(statusMapLeafHash(statusMapKey(id(7)), 42, leaf(42), 'revoked'));
    const proof = map.prove(id(7));
    expect(proof.siblings).toEqual([]);
    expect(verifyStatusMapProof(map.root(), id(7), proof)).toEqual({
      index: 42,
      leaf_hash: toHex(leaf(42)),
      status: 'revoked',
    });
    // another key: the proof ends at the one entry, which is not it
    expect(verifyStatusMapProof(map.root(), id(8), map.prove(id(8)))).toBeNull();
  });

  it.each([2, 3, 17, 300, 5000])('%i entries: root equals the definition; every proof verifies', (n) => {
    const { map, entries } = build(n);
    expect(toHex(map.root())).toBe(toHex(referenceHash([...entries.values()])));
    for (const [name, e] of [...entries].slice(0, 200)) {
      const proof = map.prove(name);
      expect(verifyStatusMapProof(map.root(), name, proof)).toEqual({
        index: e.index,
        leaf_hash: toHex(e.leafHash),
        status: 'certified',
      });
    }
    for (let i = n; i < n + 50; i++)
      expect(verifyStatusMapProof(map.root(), id(i), map.prove(id(i)))).toBeNull();
  });

  it('updates replace the entry (a later status leaf), with incremental rehashing equal to a rebuild', () => {
    const { map, entries } = build(1000);
    map.root();
    for (const n of [3, 500, 999]) {
      map.set(id(n), 1000 + n, leaf(1000 + n), 'revoked');
      entries.set(id(n), {
        key: statusMapKey(id(n)),
        index: 1000 + n,
        leafHash: leaf(1000 + n),
        status: 'revoked',
      });
    }
    expect(map.size).toBe(1000);
    expect(toHex(map.root())).toBe(toHex(referenceHash([...entries.values()])));
    expect(verifyStatusMapProof(map.root(), id(500), map.prove(id(500)))?.status).toBe('revoked');
    expect(map.get(id(500))?.index).toBe(1500);
  });

  it('node:crypto SHA-256 gives the same map as the library one', () => {
    const fast = new StatusMap({ sha256: (d) => createHash('sha256').update(d).digest() });
    expect(toHex(build(300, fast).map.root())).toBe(toHex(build(300).map.root()));
  });

  describe('rejects', () => {
    const { map } = build(64);
    const root = map.root();
    const proof = map.prove(id(5));
    const expectError = (p: StatusMapProof, certificationId = id(5), r = root): void => {
      expect(() => verifyStatusMapProof(r, certificationId, p)).toThrow(StatusMapError);
    };

    it('a proof for another key (wrong key)', () => {
      expectError(proof, id(6));
      // the proof relabelled with the other key's hash: the leaf is then not on that key's path, or the
      // folding no longer reaches the root
      expectError({ ...proof, key: toHex(statusMapKey(id(6))) }, id(6));
    });

    it('a wrong value: another index, leaf hash or status', () => {
      const value = proof.leaf!.value;
      expectError({ ...proof, leaf: { ...proof.leaf!, value: { ...value, index: value.index + 1 } } });
      expectError({ ...proof, leaf: { ...proof.leaf!, value: { ...value, leaf_hash: toHex(leaf(99)) } } });
      expectError({ ...proof, leaf: { ...proof.leaf!, value: { ...value, status: 'approved' } } });
    });

    it('a tampered proof: a flipped sibling bit, a dropped or added sibling, an emptied leaf', () => {
      const flipped = fromBase64(proof.siblings[0]!);
      flipped[0] ^= 1;
      expectError({ ...proof, siblings: [toBase64(flipped), ...proof.siblings.slice(1)] });
      expectError({ ...proof, siblings: proof.siblings.slice(1) });
      expectError({ ...proof, siblings: [toBase64(leaf(1)), ...proof.siblings] });
      expectError({ ...proof, leaf: null });
    });

    it('another root, and an empty map for a present key', () => {
      expectError(proof, id(5), sha256('another root'));
      expectError(proof, id(5), STATUS_MAP_EMPTY);
    });
  });

  it('the checkpoint extension line round-trips, and a checkpoint without one has no map', () => {
    const root = build(3).map.root();
    const line = formatStatusMapExtension(root);
    expect(line).toBe(`runcible-status-map/v1 ${toBase64(root)}`);
    expect(statusMapRootOf(['other ext', line])).toEqual(root);
    expect(statusMapRootOf(undefined)).toBeUndefined();
    expect(() => statusMapRootOf([line, line])).toThrow(StatusMapError);
    expect(() => statusMapRootOf(['runcible-status-map/v1 AAAA'])).toThrow(StatusMapError);
  });
});
