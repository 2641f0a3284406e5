/**
 * The c2sp.org/tlog-proof@v1 text format (https://c2sp.org/tlog-proof): an offline-verifiable proof that an
 * entry is in a transparency log.
 *
 *     c2sp.org/tlog-proof@v1\n
 *     [extra <base64 opaque data>\n]
 *     index <zero-based decimal index>\n
 *     <base64 SHA-256 hash>\n ...        (the RFC 9162 inclusion proof, leaf's sibling first)
 *     \n
 *     <the signed checkpoint, verbatim>
 */
import { type Checkpoint, verifyCheckpoint } from './checkpoint';
import { fromBase64, toBase64 } from './encoding';
import { HASH_SIZE, verifyInclusion } from './merkle';
import { createNoteVerifier, type NoteVerifier } from './note-key';

/** First line of every proof. */
export const TLOG_PROOF_HEADER = 'c2sp.org/tlog-proof@v1';

/** A parsed tlog proof. */
export interface TlogProof {
  /** Zero-based index of the entry in the log. */
  index: number;
  /** Inclusion proof hashes, from the leaf's sibling up to the root's child. */
  hashes: Uint8Array[];
  /** The signed checkpoint note, verbatim. */
  checkpoint: string;
  /** Optional opaque, unauthenticated extra data. */
  extra?: Uint8Array;
}

/** Raised when a tlog proof is malformed or does not verify. */
export class TlogProofError extends Error {
  override name = 'TlogProofError';
}

/** Formats a proof in the c2sp.org/tlog-proof@v1 text format. */
export function formatTlogProof(proof: TlogProof): string {
  if (!Number.isSafeInteger(proof.index) || proof.index < 0) throw new TlogProofError('invalid index');
  if (proof.hashes.some((h) => h.length !== HASH_SIZE))
    throw new TlogProofError('proof hashes must be 32 bytes');
  if (!proof.checkpoint.endsWith('\n')) throw new TlogProofError('checkpoint must end with a newline');
  const lines = [TLOG_PROOF_HEADER];
  if (proof.extra !== undefined) lines.push(`extra ${toBase64(proof.extra)}`);
  lines.push(`index ${proof.index}`, ...proof.hashes.map(toBase64), '');
  return `${lines.join('\n')}\n${proof.checkpoint}`;
}

/** Parses a c2sp.org/tlog-proof@v1 text; throws TlogProofError when it is malformed. */
export function parseTlogProof(text: string): TlogProof {
  const lines = text.split('\n');
  let i = 0;
  if (lines[i++] !== TLOG_PROOF_HEADER)
    throw new TlogProofError(`proof must start with ${TLOG_PROOF_HEADER}`);
  let extra: Uint8Array | undefined;
  if (lines[i]?.startsWith('extra ')) extra = decode(lines[i++].slice('extra '.length), 'extra data');
  const indexLine = lines[i++] ?? '';
  const indexMatch = /^index (0|[1-9][0-9]*)$/.exec(indexLine);
  if (!indexMatch) throw new TlogProofError('proof is missing a canonical "index N" line');
  const index = Number(indexMatch[1]);
  if (!Number.isSafeInteger(index)) throw new TlogProofError('proof index is too large');
  const hashes: Uint8Array[] = [];
  for (; i < lines.length && lines[i] !== ''; i++) {
    const hash = decode(lines[i], 'proof hash');
    if (hash.length !== HASH_SIZE) throw new TlogProofError('proof hashes must be 32 bytes');
    hashes.push(hash);
  }
  if (i >= lines.length) throw new TlogProofError('proof is missing the blank line before the checkpoint');
  const checkpoint = lines.slice(i + 1).join('\n');
  if (checkpoint.length === 0) throw new TlogProofError('proof is missing its checkpoint');
  return extra === undefined ? { index, hashes, checkpoint } : { index, hashes, checkpoint, extra };
}

/** What a verified proof establishes. */
export interface VerifiedTlogProof {
  index: number;
  checkpoint: Checkpoint;
}

/**
 * Verifies a tlog proof for a leaf hash: the checkpoint must be signed by the log's key and name the
 * expected origin, and the inclusion proof must lead from the leaf to the checkpoint's root.
 */
export async function verifyTlogProof(
  text: string,
  leafHash: Uint8Array,
  log: { origin: string; verifierKey: string | NoteVerifier | readonly NoteVerifier[] },
): Promise<VerifiedTlogProof> {
  const proof = parseTlogProof(text);
  const verifiers =
    typeof log.verifierKey === 'string' ? await createNoteVerifier(log.verifierKey) : log.verifierKey;
  const checkpoint = await verifyCheckpoint(proof.checkpoint, verifiers, log.origin);
  if (!verifyInclusion(leafHash, proof.index, checkpoint.size, proof.hashes, checkpoint.rootHash)) {
    throw new TlogProofError(
      `entry ${proof.index} is not included in the checkpoint of size ${checkpoint.size}`,
    );
  }
  return { index: proof.index, checkpoint };
}

function decode(value: string, what: string): Uint8Array {
  try {
    return fromBase64(value);
  } catch {
    throw new TlogProofError(`${what} is not valid base64`);
  }
}
