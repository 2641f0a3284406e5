/**
 * C2SP transparency log checkpoints (https://c2sp.org/tlog-checkpoint): a signed note whose text is
 *
 *     <origin>\n
 *     <tree size, ASCII decimal, no leading zeroes>\n
 *     <base64 RFC 9162 root hash>\n
 *     [<extension line>\n ...]
 *
 * signed by the log's Ed25519 note key (see signed-note.ts and note-key.ts).
 */
import { fromBase64, hasControlCharacter, toBase64 } from './encoding';
import { HASH_SIZE } from './merkle';
import type { NoteSigner, NoteVerifier } from './note-key';
import { NoteError, openNote, signNote } from './signed-note';

/** A Merkle tree head as a checkpoint body. */
export interface Checkpoint {
  /** Unique identity of the log, conventionally a schema-less URL such as `runcible.example/log`. */
  origin: string;
  /** Number of leaves. */
  size: number;
  /** MTH of the first `size` leaves. */
  rootHash: Uint8Array;
  /** Optional opaque extension lines (NOT RECOMMENDED by the spec; kept for round-tripping). */
  extensions?: string[];
}

/** Formats a checkpoint body (the note text). */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  const { origin, size, rootHash, extensions = [] } = checkpoint;
  if (origin.length === 0 || hasControlCharacter(origin)) throw new NoteError('invalid checkpoint origin');
  if (!Number.isSafeInteger(size) || size < 0) throw new NoteError('invalid checkpoint size');
  if (rootHash.length !== HASH_SIZE) throw new NoteError('checkpoint root hash must be 32 bytes');
  for (const line of extensions) {
    if (line.length === 0 || hasControlCharacter(line)) throw new NoteError('invalid checkpoint extension');
  }
  return [origin, String(size), toBase64(rootHash), ...extensions].map((l) => `${l}\n`).join('');
}

/** Parses a checkpoint body (the note text, not the whole signed note). */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw new NoteError('checkpoint text must end with a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw new NoteError('checkpoint needs origin, size and root hash lines');
  const [origin, sizeText, rootText, ...extensions] = lines;
  if (origin.length === 0) throw new NoteError('checkpoint origin is empty');
  if (!/^(0|[1-9][0-9]*)$/.test(sizeText)) throw new NoteError('checkpoint size is not a canonical decimal');
  const size = Number(sizeText);
  if (!Number.isSafeInteger(size)) throw new NoteError('checkpoint size is too large');
  let rootHash: Uint8Array;
  try {
    rootHash = fromBase64(rootText);
  } catch {
    throw new NoteError('checkpoint root hash is not valid base64');
  }
  if (rootHash.length !== HASH_SIZE) throw new NoteError('checkpoint root hash must be 32 bytes');
  if (extensions.some((l) => l.length === 0))
    throw new NoteError('checkpoint extension lines must not be empty');
  return extensions.length > 0 ? { origin, size, rootHash, extensions } : { origin, size, rootHash };
}

/** Formats and signs a checkpoint, returning the signed note text. */
export function signCheckpoint(
  checkpoint: Checkpoint,
  signers: NoteSigner | readonly NoteSigner[],
): Promise<string> {
  return signNote(formatCheckpoint(checkpoint), signers);
}

/**
 * Verifies a signed checkpoint note against the log's verifier(s) and, when given, the expected origin.
 * Returns the parsed checkpoint; throws NoteError otherwise.
 */
export async function verifyCheckpoint(
  signedNote: string,
  verifiers: NoteVerifier | readonly NoteVerifier[],
  expectedOrigin?: string,
): Promise<Checkpoint> {
  const { text } = await openNote(signedNote, verifiers);
  const checkpoint = parseCheckpoint(text);
  if (expectedOrigin !== undefined && checkpoint.origin !== expectedOrigin) {
    throw new NoteError(
      `checkpoint origin ${JSON.stringify(checkpoint.origin)} is not ${JSON.stringify(expectedOrigin)}`,
    );
  }
  return checkpoint;
}

/** Splits a signed checkpoint note and parses its body without verifying any signature. */
export function parseSignedCheckpointUnverified(signedNote: string): Checkpoint {
  const split = signedNote.lastIndexOf('\n\n');
  if (split < 0) throw new NoteError('malformed note: no blank line before the signatures');
  return parseCheckpoint(signedNote.slice(0, split + 1));
}
