import { describe, expect, it } from 'vitest';

import { fromHex, toHex } from './encoding';
import {
  consistencyProof,
  EMPTY_ROOT,
  inclusionProof,
  leafHash,
  nodeHash,
  rootFromInclusionProof,
  rootOf,
  verifyConsistency,
  verifyInclusion,
} from './merkle';
import { MerkleFrontier } from './merkle-frontier';
import { MerkleTree } from './merkle-tree';
import { sha256 } from './sha256';

// The reference leaves and roots of the RFC 6962 / RFC 9162 implementations
// (transparency-dev/merkle testonly/constants.go, certificate-transparency-go merkletree tests).
const LEAF_DATA = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map(fromHex);
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const LEAVES = LEAF_DATA.map(leafHash);

// Reference proofs (transparency-dev/merkle proof/verify_test.go), with zero-based indices.
const INCLUSION_VECTORS = [
  {
    index: 0,
    size: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    index: 5,
    size: 8,
    proof: [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  { index: 2, size: 3, proof: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'] },
  {
    index: 1,
    size: 5,
    proof: [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
];
const CONSISTENCY_VECTORS = [
  { size1: 1, size2: 1, proof: [] as string[] },
  {
    size1: 1,
    size2: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    size1: 6,
    size2: 8,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  {
    size1: 2,
    size2: 5,
    proof: [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
  {
    size1: 6,
    size2: 7,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
];

const MAX = 64;
const BIG = Array.from({ length: MAX }, (_, i) => leafHash(sha256(`leaf ${i}`)));
const BIG_ROOTS = Array.from({ length: MAX + 1 }, (_, n) => rootOf(BIG.slice(0, n)));
const SOME_HASH = sha256('some other hash');

function flipBit(proof: Uint8Array[], at: number, bit: number): Uint8Array[] {
  return proof.map((h, i) => {
    if (i !== at) return h;
    const copy = h.slice();
    copy[0] ^= 1 << bit;
    return copy;
  });
}

describe('RFC 9162 hashing known answers', () => {
  it('hashes the empty tree as SHA-256 of nothing', () => {
    expect(toHex(EMPTY_ROOT)).toBe(ROOTS[0]);
    expect(toHex(rootOf([]))).toBe(ROOTS[0]);
  });

  it('prefixes leaves with 0x00 and nodes with 0x01', () => {
    expect(toHex(leafHash(new Uint8Array()))).toBe(toHex(sha256(Uint8Array.of(0x00))));
    expect(toHex(leafHash(new Uint8Array()))).toBe(ROOTS[1]);
    const [a, b] = LEAVES;
    const expected = sha256(Uint8Array.from([0x01, ...a, ...b]));
    expect(toHex(nodeHash(a, b))).toBe(toHex(expected));
    expect(toHex(nodeHash(a, b))).toBe(ROOTS[2]);
  });

  it('matches the reference roots of the 8 standard leaves for every size 0..8', () => {
    for (let n = 0; n <= 8; n++) expect(toHex(rootOf(LEAVES.slice(0, n))), `size ${n}`).toBe(ROOTS[n]);
  });

  it('generates and verifies the reference inclusion proofs', () => {
    for (const v of INCLUSION_VECTORS) {
      const root = fromHex(ROOTS[v.size]);
      expect(inclusionProof(LEAVES, v.index, v.size).map(toHex)).toEqual(v.proof);
      expect(verifyInclusion(LEAVES[v.index], v.index, v.size, v.proof.map(fromHex), root)).toBe(true);
    }
  });

  it('generates and verifies the reference consistency proofs', () => {
    for (const v of CONSISTENCY_VECTORS) {
      const [root1, root2] = [fromHex(ROOTS[v.size1]), fromHex(ROOTS[v.size2])];
      expect(consistencyProof(LEAVES, v.size1, v.size2).map(toHex)).toEqual(v.proof);
      expect(verifyConsistency(v.size1, v.size2, root1, root2, v.proof.map(fromHex))).toBe(true);
    }
  });
});

describe('inclusion proofs for every leaf of every tree up to 64 leaves', { timeout: 60_000 }, () => {
  it('verify, and each mutation is rejected', () => {
    let checked = 0;
    for (let size = 1; size <= MAX; size++) {
      const root = BIG_ROOTS[size];
      for (let index = 0; index < size; index++) {
        const leaf = BIG[index];
        const proof = inclusionProof(BIG, index, size);
        expect(verifyInclusion(leaf, index, size, proof, root), `${index}/${size}`).toBe(true);
        expect(toHex(rootFromInclusionProof(leaf, index, size, proof))).toBe(toHex(root));
        // Sizes are mutated by *2 and /2, which always change the proof's shape. A size that keeps the shape
        // (index 0 of 3 or of 4 leaves, say) cannot be told apart by the hashes alone: the signed checkpoint
        // is what binds the size to the root.
        const bad: [string, boolean][] = [
          ['extra hash', verifyInclusion(leaf, index, size, [...proof, SOME_HASH], root)],
          ['extra root', verifyInclusion(leaf, index, size, [...proof, root], root)],
          ['prepended hash', verifyInclusion(leaf, index, size, [SOME_HASH, ...proof], root)],
          ['wrong size *2', verifyInclusion(leaf, index, size * 2, proof, root)],
          ['wrong index +1', verifyInclusion(leaf, index + 1, size, proof, root)],
          ['wrong index ^2', verifyInclusion(leaf, index ^ 2, size, proof, root)],
          ['wrong leaf', verifyInclusion(SOME_HASH, index, size, proof, root)],
          ['empty root', verifyInclusion(leaf, index, size, proof, EMPTY_ROOT)],
          ['other root', verifyInclusion(leaf, index, size, proof, BIG_ROOTS[size - 1])],
        ];
        if (index > 0) bad.push(['wrong index -1', verifyInclusion(leaf, index - 1, size, proof, root)]);
        if (size > 1)
          bad.push(['wrong size /2', verifyInclusion(leaf, index, Math.floor(size / 2), proof, root)]);
        if (proof.length > 0) {
          bad.push(['missing hash', verifyInclusion(leaf, index, size, proof.slice(0, -1), root)]);
          bad.push(['missing first hash', verifyInclusion(leaf, index, size, proof.slice(1), root)]);
          for (let i = 0; i < proof.length; i++) {
            bad.push([
              `flipped bit in hash ${i}`,
              verifyInclusion(leaf, index, size, flipBit(proof, i, 3), root),
            ]);
          }
        }
        if (proof.length > 1) {
          const inserted = [proof[0], SOME_HASH, ...proof.slice(1)];
          bad.push(['inserted hash', verifyInclusion(leaf, index, size, inserted, root)]);
        }
        for (const [what, ok] of bad) expect(ok, `${what} accepted for ${index}/${size}`).toBe(false);
        checked++;
      }
    }
    expect(checked).toBe((MAX * (MAX + 1)) / 2);
  });
});

describe('consistency proofs for every pair of sizes up to 64 leaves', { timeout: 60_000 }, () => {
  it('verify, and each mutation is rejected', () => {
    let checked = 0;
    for (let size2 = 0; size2 <= MAX; size2++) {
      for (let size1 = 0; size1 <= size2; size1++) {
        const [root1, root2] = [BIG_ROOTS[size1], BIG_ROOTS[size2]];
        const proof = consistencyProof(BIG, size1, size2);
        expect(verifyConsistency(size1, size2, root1, root2, proof), `${size1}->${size2}`).toBe(true);
        checked++;
        if (proof.length === 0) continue; // size1 = 0 or size1 = size2: covered by the degenerate cases test
        const bad: [string, boolean][] = [
          ['empty proof', verifyConsistency(size1, size2, root1, root2, [])],
          ['extra hash', verifyConsistency(size1, size2, root1, root2, [...proof, SOME_HASH])],
          ['extra root', verifyConsistency(size1, size2, root1, root2, [...proof, root2])],
          ['prepended hash', verifyConsistency(size1, size2, root1, root2, [SOME_HASH, ...proof])],
          ['prepended first hash', verifyConsistency(size1, size2, root1, root2, [proof[0], ...proof])],
          ['missing hash', verifyConsistency(size1, size2, root1, root2, proof.slice(0, -1))],
          ['wrong size1 -1', verifyConsistency(size1 - 1, size2, root1, root2, proof)],
          ['wrong size1 +1', verifyConsistency(size1 + 1, size2, root1, root2, proof)],
          ['wrong size1 ^2', verifyConsistency(size1 ^ 2, size2, root1, root2, proof)],
          ['wrong size2 *2', verifyConsistency(size1, size2 * 2, root1, root2, proof)],
          ['wrong size2 /2', verifyConsistency(size1, Math.floor(size2 / 2), root1, root2, proof)],
          ['wrong root1', verifyConsistency(size1, size2, SOME_HASH, root2, proof)],
          ['wrong root2', verifyConsistency(size1, size2, root1, SOME_HASH, proof)],
          ['swapped roots', verifyConsistency(size1, size2, root2, root1, proof)],
        ];
        for (let i = 0; i < proof.length; i++) {
          bad.push([
            `flipped bit in hash ${i}`,
            verifyConsistency(size1, size2, root1, root2, flipBit(proof, i, 4)),
          ]);
        }
        for (const [what, ok] of bad) expect(ok, `${what} accepted for ${size1}->${size2}`).toBe(false);
      }
    }
    expect(checked).toBe(((MAX + 1) * (MAX + 2)) / 2);
  });

  it('handles the degenerate cases', () => {
    const [r4, r5] = [BIG_ROOTS[4], BIG_ROOTS[5]];
    expect(verifyConsistency(4, 4, r4, r4, [])).toBe(true);
    expect(verifyConsistency(4, 4, r4, r5, [])).toBe(false);
    expect(verifyConsistency(4, 4, r4, r4, [SOME_HASH])).toBe(false);
    expect(verifyConsistency(0, 8, EMPTY_ROOT, r5, [])).toBe(true);
    expect(verifyConsistency(0, 8, r4, r5, [])).toBe(false);
    expect(verifyConsistency(0, 8, EMPTY_ROOT, r5, [SOME_HASH])).toBe(false);
    expect(verifyConsistency(5, 4, r5, r4, consistencyProof(BIG, 4, 5))).toBe(false);
    expect(verifyConsistency(4, 5, r4.slice(1), r5, consistencyProof(BIG, 4, 5))).toBe(false);
  });
});

describe('argument checking', () => {
  it('rejects malformed inputs in verifiers without throwing', () => {
    const proof = inclusionProof(LEAVES, 5, 8);
    const root = fromHex(ROOTS[8]);
    expect(verifyInclusion(LEAVES[5], 8, 8, proof, root)).toBe(false);
    expect(verifyInclusion(LEAVES[5], -1, 8, proof, root)).toBe(false);
    expect(verifyInclusion(LEAVES[5], 1.5, 8, proof, root)).toBe(false);
    expect(verifyInclusion(LEAVES[5].slice(1), 5, 8, proof, root)).toBe(false);
    expect(verifyInclusion(LEAVES[5], 5, 8, [proof[0].slice(1), ...proof.slice(1)], root)).toBe(false);
    expect(verifyInclusion(LEAVES[5], 5, 8, proof, root.slice(1))).toBe(false);
    expect(verifyInclusion(LEAVES[0], 0, 0, [], EMPTY_ROOT)).toBe(false);
  });

  it('throws on impossible requests to the generators', () => {
    expect(() => inclusionProof(LEAVES, 8, 8)).toThrow(RangeError);
    expect(() => inclusionProof(LEAVES, 0, 9)).toThrow(RangeError);
    expect(() => consistencyProof(LEAVES, 5, 3)).toThrow(RangeError);
    expect(() => consistencyProof(LEAVES, 1, 9)).toThrow(RangeError);
    expect(() => rootOf([new Uint8Array(31)])).toThrow(TypeError);
  });
});

describe('MerkleTree and MerkleFrontier', { timeout: 60_000 }, () => {
  it('agree with the reference functions on every size, index and pair up to 64 leaves', () => {
    const tree = new MerkleTree();
    const frontier = new MerkleFrontier();
    expect(toHex(tree.root())).toBe(ROOTS[0]);
    expect(toHex(frontier.root())).toBe(ROOTS[0]);
    for (const leaf of BIG) {
      tree.append(leaf);
      frontier.append(leaf);
      expect(toHex(frontier.root())).toBe(toHex(BIG_ROOTS[frontier.size]));
    }
    for (let size = 0; size <= MAX; size++) {
      expect(toHex(tree.root(size))).toBe(toHex(BIG_ROOTS[size]));
      for (let index = 0; index < size; index++) {
        expect(tree.inclusionProof(index, size).map(toHex)).toEqual(
          inclusionProof(BIG, index, size).map(toHex),
        );
      }
      for (let size1 = 0; size1 <= size; size1++) {
        expect(tree.consistencyProof(size1, size).map(toHex)).toEqual(
          consistencyProof(BIG, size1, size).map(toHex),
        );
      }
    }
  });

  it('reproduce the reference roots of the standard leaves', () => {
    const tree = new MerkleTree();
    const frontier = new MerkleFrontier();
    LEAF_DATA.forEach((d, i) => {
      tree.appendData(d);
      frontier.appendData(d);
      expect(toHex(frontier.root())).toBe(ROOTS[i + 1]);
      expect(toHex(tree.root())).toBe(ROOTS[i + 1]);
    });
  });

  it('persists and restores a frontier', () => {
    const frontier = MerkleFrontier.fromLeafHashes(BIG.slice(0, 37));
    const restored = MerkleFrontier.fromState(frontier.state());
    for (const leaf of BIG.slice(37)) restored.append(leaf);
    expect(toHex(restored.root())).toBe(toHex(BIG_ROOTS[MAX]));
    expect(toHex(frontier.root())).toBe(toHex(BIG_ROOTS[37]));
    expect(() => MerkleFrontier.fromState({ size: 37, hashes: [] })).toThrow(RangeError);
  });

  it('recomputes a 1,000,000-leaf root quickly', () => {
    const leaf = sha256('leaf');
    const started = performance.now();
    const frontier = new MerkleFrontier();
    for (let i = 0; i < 1_000_000; i++) frontier.append(leaf);
    const root = frontier.root();
    const elapsed = performance.now() - started;
    expect(root).toHaveLength(32);
    expect(elapsed).toBeLessThan(20_000);
  });

  it('answers proofs in a large tree from stored nodes', () => {
    const tree = new MerkleTree();
    for (let i = 0; i < 100_000; i++) tree.append(leafHash(Uint8Array.of(i & 255, (i >> 8) & 255, i >> 16)));
    const root = tree.root();
    for (const index of [0, 1, 4_095, 65_536, 99_999]) {
      const proof = tree.inclusionProof(index);
      expect(verifyInclusion(tree.leafHash(index), index, tree.size, proof, root)).toBe(true);
    }
    for (const size1 of [1, 3, 65_536, 70_001, 99_999]) {
      const proof = tree.consistencyProof(size1);
      expect(verifyConsistency(size1, tree.size, tree.root(size1), root, proof)).toBe(true);
    }
  });
});
