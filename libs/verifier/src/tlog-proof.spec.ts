import { describe, expect, it } from 'vitest';

import { signCheckpoint } from './checkpoint';
import { toBase64 } from './encoding';
import { inclusionProof, leafHash, rootOf } from './merkle';
import { createNoteSigner, generateNoteKeys } from './note-key';
import { sha256 } from './sha256';
import { formatTlogProof, parseTlogProof, TlogProofError, verifyTlogProof } from './tlog-proof';

const origin = 'runcible.test/log';
const leaves = Array.from({ length: 11 }, (_, i) => leafHash(sha256(`entry ${i}`)));

async function fixture(index: number) {
  const keys = await generateNoteKeys(origin);
  const checkpoint = await signCheckpoint(
    { origin, size: leaves.length, rootHash: rootOf(leaves) },
    await createNoteSigner(keys.signerKey),
  );
  const hashes = inclusionProof(leaves, index);
  return { keys, checkpoint, hashes, text: formatTlogProof({ index, hashes, checkpoint }) };
}

describe('c2sp.org/tlog-proof@v1', () => {
  it('formats the layout of the specification', async () => {
    const { checkpoint, hashes, text } = await fixture(6);
    const expected = ['c2sp.org/tlog-proof@v1', 'index 6', ...hashes.map(toBase64), ''].join('\n');
    expect(text).toBe(`${expected}\n${checkpoint}`);
  });

  it('round-trips with and without extra data', async () => {
    const { checkpoint, hashes, text } = await fixture(3);
    expect(parseTlogProof(text)).toEqual({ index: 3, hashes, checkpoint });
    const extra = new TextEncoder().encode('context');
    const withExtra = formatTlogProof({ index: 3, hashes, checkpoint, extra });
    expect(withExtra.split('\n')[1]).toBe(`extra ${toBase64(extra)}`);
    expect(parseTlogProof(withExtra)).toEqual({ index: 3, hashes, checkpoint, extra });
  });

  it('verifies inclusion under the signed checkpoint', async () => {
    const { keys, text } = await fixture(9);
    const result = await verifyTlogProof(text, leaves[9], { origin, verifierKey: keys.verifierKey });
    expect(result.index).toBe(9);
    expect(result.checkpoint.size).toBe(leaves.length);
  });

  it('rejects a mutated proof, another leaf and another log', async () => {
    const { keys, text, hashes, checkpoint } = await fixture(4);
    const log = { origin, verifierKey: keys.verifierKey };
    const flipped = hashes.map((h, i) => (i === 1 ? Uint8Array.from(h, (b, j) => (j === 0 ? b ^ 1 : b)) : h));
    const mutated = formatTlogProof({ index: 4, hashes: flipped, checkpoint });
    await expect(verifyTlogProof(mutated, leaves[4], log)).rejects.toThrow(TlogProofError);
    await expect(verifyTlogProof(text, leaves[5], log)).rejects.toThrow(/not included/);
    const wrongIndex = formatTlogProof({ index: 5, hashes, checkpoint });
    await expect(verifyTlogProof(wrongIndex, leaves[4], log)).rejects.toThrow(TlogProofError);
    const shorter = formatTlogProof({ index: 4, hashes: hashes.slice(0, -1), checkpoint });
    await expect(verifyTlogProof(shorter, leaves[4], log)).rejects.toThrow(TlogProofError);
    await expect(verifyTlogProof(text, leaves[4], { ...log, origin: 'other.test/log' })).rejects.toThrow(
      /origin/,
    );
  });

  it('rejects malformed texts', async () => {
    const { text } = await fixture(0);
    const bad = [
      text.replace('c2sp.org/tlog-proof@v1', 'c2sp.org/tlog-proof@v2'),
      text.replace('index 0', 'index 00'),
      text.replace('index 0', 'index -1'),
      text.replace('index 0\n', 'index 0\nAAAA\n'),
      text.replace('index 0\n', 'index 0\n!!!!\n'),
      text.split('\n\n')[0],
      'c2sp.org/tlog-proof@v1\nindex 0\n\n',
    ];
    for (const t of bad) expect(() => parseTlogProof(t), JSON.stringify(t)).toThrow(TlogProofError);
  });
});
