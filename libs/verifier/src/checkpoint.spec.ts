import { describe, expect, it } from 'vitest';

import {
  formatCheckpoint,
  parseCheckpoint,
  parseSignedCheckpointUnverified,
  signCheckpoint,
  verifyCheckpoint,
} from './checkpoint';
import { toBase64 } from './encoding';
import { createNoteSigner, createNoteVerifier, generateNoteKeys } from './note-key';
import { NoteError } from './signed-note';
import { sha256 } from './sha256';

// The example body of https://c2sp.org/tlog-checkpoint.
const EXAMPLE_BODY = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';

describe('checkpoint bodies', () => {
  it('parses and formats the specification example', () => {
    const checkpoint = parseCheckpoint(EXAMPLE_BODY);
    expect(checkpoint.origin).toBe('example.com/behind-the-sofa');
    expect(checkpoint.size).toBe(20852163);
    expect(toBase64(checkpoint.rootHash)).toBe('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=');
    expect(formatCheckpoint(checkpoint)).toBe(EXAMPLE_BODY);
  });

  it('keeps extension lines', () => {
    const body = `${EXAMPLE_BODY}Timestamp: 1689748607742585419\n`;
    expect(parseCheckpoint(body).extensions).toEqual(['Timestamp: 1689748607742585419']);
    expect(formatCheckpoint(parseCheckpoint(body))).toBe(body);
  });

  it('rejects malformed bodies', () => {
    const bad = [
      EXAMPLE_BODY.slice(0, -1),
      EXAMPLE_BODY.replace('20852163', '020852163'),
      EXAMPLE_BODY.replace('20852163', '-1'),
      EXAMPLE_BODY.replace('20852163', '99999999999999999999'),
      EXAMPLE_BODY.replace('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=', 'CsUY'),
      EXAMPLE_BODY.replace('example.com/behind-the-sofa', ''),
      'example.com/behind-the-sofa\n20852163\n',
      `${EXAMPLE_BODY}\n`,
    ];
    for (const body of bad) expect(() => parseCheckpoint(body), JSON.stringify(body)).toThrow(NoteError);
  });
});

describe('signed checkpoints', () => {
  const origin = 'runcible.test/log';
  const checkpoint = { origin, size: 42, rootHash: sha256('root') };

  it('sign and verify under the log key', async () => {
    const keys = await generateNoteKeys(origin);
    const signed = await signCheckpoint(checkpoint, await createNoteSigner(keys.signerKey));
    expect(signed.startsWith(formatCheckpoint(checkpoint))).toBe(true);
    expect(signed).toMatch(/\n\n— runcible\.test\/log [A-Za-z0-9+/]+=*\n$/);
    const verified = await verifyCheckpoint(signed, await createNoteVerifier(keys.verifierKey), origin);
    expect(verified).toEqual(checkpoint);
    expect(parseSignedCheckpointUnverified(signed)).toEqual(checkpoint);
  });

  it('reject a wrong origin, a wrong key and a tampered size', async () => {
    const keys = await generateNoteKeys(origin);
    const signed = await signCheckpoint(checkpoint, await createNoteSigner(keys.signerKey));
    const verifier = await createNoteVerifier(keys.verifierKey);
    await expect(verifyCheckpoint(signed, verifier, 'other.test/log')).rejects.toThrow(/origin/);
    const otherKeys = await generateNoteKeys(origin);
    await expect(verifyCheckpoint(signed, await createNoteVerifier(otherKeys.verifierKey))).rejects.toThrow(
      /not signed by any trusted key/,
    );
    await expect(verifyCheckpoint(signed.replace('\n42\n', '\n43\n'), verifier)).rejects.toThrow(
      /invalid signature/,
    );
  });
});
