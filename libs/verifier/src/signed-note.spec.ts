import { describe, expect, it } from 'vitest';

import {
  createNoteSigner,
  createNoteSignerFromCallback,
  createNoteVerifier,
  formatVerifierKey,
  generateNoteKeys,
  noteKeyId,
  parseVerifierKey,
} from './note-key';
import { NoteError, openNote, parseSignedNote, signNote } from './signed-note';

// The golang.org/x/mod/sumdb/note reference example: Ed25519 is deterministic, so signing must reproduce
// the published note byte for byte.
const GO_SIGNER_KEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const GO_VERIFIER_KEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const GO_TEXT =
  'If you think cryptography is the answer to your problem,\n' +
  "then you don't know what your problem is.\n";
const GO_NOTE =
  GO_TEXT +
  '\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const ENOCH_VERIFIER_KEY = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
const PLUS_VERIFIER_KEY = 'TEST+7997405c+AQcC+FTVKf0jlTdHDY3rbevmnKxxPjigCXlVtGe6RIr6';

describe('note keys', () => {
  it('parses reference verifier keys and recomputes their key IDs', () => {
    for (const text of [GO_VERIFIER_KEY, ENOCH_VERIFIER_KEY, PLUS_VERIFIER_KEY]) {
      const key = parseVerifierKey(text);
      expect(noteKeyId(key.name, key.publicKey)).toBe(key.keyId);
      expect(formatVerifierKey(key.name, key.publicKey)).toBe(text);
    }
    expect(parseVerifierKey(GO_VERIFIER_KEY).keyId).toBe(0xc74f20a3);
  });

  it('rejects mangled verifier keys', () => {
    const bad = [
      'PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW', // wrong key ID
      'PeterNeumann+c74f20a3+AhpcQcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW', // wrong type / length
      'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10T', // truncated base64
      'Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW', // space in name
      'PeterNeumann+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW', // upper-case hex
      'PeterNeumann+c74f20a3',
      '',
    ];
    for (const text of bad) expect(() => parseVerifierKey(text), text).toThrow(TypeError);
  });

  it('round-trips generated keys', async () => {
    const { signerKey, verifierKey } = await generateNoteKeys('runcible.test/log');
    expect(signerKey.startsWith('PRIVATE+KEY+runcible.test/log+')).toBe(true);
    const signer = await createNoteSigner(signerKey);
    const verifier = await createNoteVerifier(verifierKey);
    expect(signer.keyId).toBe(verifier.keyId);
    const note = await signNote('hello\n', signer);
    await expect(openNote(note, verifier)).resolves.toEqual({
      text: 'hello\n',
      verifiedBy: ['runcible.test/log'],
    });
  });
});

describe('signed notes', () => {
  it('reproduces the Go reference note and opens it', async () => {
    const signer = await createNoteSigner(GO_SIGNER_KEY);
    expect(await signNote(GO_TEXT, signer)).toBe(GO_NOTE);
    const opened = await openNote(GO_NOTE, await createNoteVerifier(GO_VERIFIER_KEY));
    expect(opened).toEqual({ text: GO_TEXT, verifiedBy: ['PeterNeumann'] });
  });

  it('rejects a tampered text or signature', async () => {
    const verifier = await createNoteVerifier(GO_VERIFIER_KEY);
    await expect(openNote(GO_NOTE.replace('cryptography', 'cryptographY'), verifier)).rejects.toThrow(
      NoteError,
    );
    await expect(openNote(GO_NOTE.replace('SffcvIAQ', 'SffcvIAR'), verifier)).rejects.toThrow(
      /invalid signature/,
    );
  });

  it('ignores unknown keys but requires one trusted signature', async () => {
    const enoch = await createNoteVerifier(ENOCH_VERIFIER_KEY);
    await expect(openNote(GO_NOTE, enoch)).rejects.toThrow(/not signed by any trusted key/);
    const other = await generateNoteKeys('other.example/witness');
    const cosigned = await signNote(GO_TEXT, [
      await createNoteSigner(GO_SIGNER_KEY),
      await createNoteSigner(other.signerKey),
    ]);
    const opened = await openNote(cosigned, await createNoteVerifier(GO_VERIFIER_KEY));
    expect(opened.verifiedBy).toEqual(['PeterNeumann']);
    expect(parseSignedNote(cosigned).signatures.map((s) => s.name)).toEqual([
      'PeterNeumann',
      'other.example/witness',
    ]);
  });

  it('signs through a callback', async () => {
    const real = await createNoteSigner(GO_SIGNER_KEY);
    const { publicKey } = parseVerifierKey(GO_VERIFIER_KEY);
    const viaCallback = createNoteSignerFromCallback('PeterNeumann', publicKey, (m) => real.sign(m));
    expect(await signNote(GO_TEXT, viaCallback)).toBe(GO_NOTE);
  });

  it('rejects malformed notes', () => {
    expect(() => parseSignedNote(GO_TEXT)).toThrow(NoteError);
    expect(() => parseSignedNote(GO_NOTE.slice(0, -1))).toThrow(NoteError);
    expect(() => parseSignedNote(GO_NOTE.replace('— ', '- '))).toThrow(NoteError);
    expect(() => parseSignedNote(GO_NOTE.replace('problem,', 'problem,\t'))).toThrow(/control/);
    expect(() => parseSignedNote(`${GO_TEXT}\n— PeterNeumann AAAA\n`)).toThrow(/too short/);
  });
});
