/**
 * Witness cosignatures (c2sp.org/tlog-cosignature, Ed25519 cosignature/v1) and the request body of the
 * witness protocol (c2sp.org/tlog-witness `add-checkpoint`).
 *
 * - A cosignature is a signed-note signature line `— <witness name> base64(key ID || timestamp || sig)`
 *   where key ID = SHA-256(<name> || 0x0A || 0x04 || public key)[:4], timestamp is a big-endian u64 POSIX
 *   time, and sig is the Ed25519 signature of `cosignature/v1\ntime <timestamp>\n` followed by the whole
 *   checkpoint body (with its final newline, without signature lines).
 * - A cosigner verifier key (vkey) is `<name>+<hex key ID>+base64(0x04 || public key)`.
 * - Semantics: as of that time, the largest consistent tree head the witness has seen for the origin has
 *   that root. A witness refuses (409) a checkpoint that does not extend the last one it cosigned.
 */
import { type Checkpoint, parseCheckpoint } from './checkpoint';
import { concatBytes, fromBase64, fromBase64url, toBase64, toBufferSource, utf8 } from './encoding';
import { isValidKeyName } from './note-key';
import { sha256 } from './sha256';
import { NoteError, parseSignedNote } from './signed-note';

export const COSIGNATURE_V1_TYPE = 0x04;
const ED25519: { name: 'Ed25519' } = { name: 'Ed25519' };
const PKCS8_ED25519_PREFIX = Uint8Array.from([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
]);

/** Key ID of an Ed25519 cosigner: SHA-256(name || 0x0A || 0x04 || public key)[:4], big-endian. */
export function cosignerKeyId(name: string, publicKey: Uint8Array): number {
  const digest = sha256(concatBytes(utf8(name), Uint8Array.of(0x0a, COSIGNATURE_V1_TYPE), publicKey));
  return new DataView(digest.buffer).getUint32(0, false);
}

/** `<name>+<hex key ID>+base64(0x04 || public key)`. */
export function formatCosignerVerifierKey(name: string, publicKey: Uint8Array): string {
  const id = cosignerKeyId(name, publicKey).toString(16).padStart(8, '0');
  return `${name}+${id}+${toBase64(concatBytes(Uint8Array.of(COSIGNATURE_V1_TYPE), publicKey))}`;
}

export interface CosignerKey {
  name: string;
  keyId: number;
  publicKey: Uint8Array;
}

export function parseCosignerVerifierKey(text: string): CosignerKey {
  const [name, idHex, keyText, ...rest] = text.trim().split('+');
  if (rest.length > 0 || !name || !idHex || !keyText || !isValidKeyName(name)) {
    throw new TypeError('cosigner key must be <name>+<hex key id>+<base64 key>');
  }
  const decoded = fromBase64(keyText);
  if (decoded.length !== 33 || decoded[0] !== COSIGNATURE_V1_TYPE) {
    throw new TypeError('cosigner key is not an Ed25519 cosignature/v1 key (type 0x04)');
  }
  const publicKey = decoded.slice(1);
  const keyId = cosignerKeyId(name, publicKey);
  if (idHex !== keyId.toString(16).padStart(8, '0'))
    throw new TypeError('cosigner key: key ID does not match');
  return { name, keyId, publicKey };
}

/** The message a cosigner signs: `cosignature/v1\ntime <t>\n` || checkpoint body. */
export function cosignatureMessage(checkpointBody: string, timestamp: number): Uint8Array {
  return utf8(`cosignature/v1\ntime ${timestamp}\n${checkpointBody}`);
}

export interface Cosigner extends CosignerKey {
  verifierKey: string;
  /** The signature line (with its final newline) cosigning `checkpointBody` at `timestamp`. */
  cosign(checkpointBody: string, timestamp: number): Promise<string>;
}

/** A cosigner from a 32-byte Ed25519 seed. */
export async function createCosigner(name: string, seed: Uint8Array): Promise<Cosigner> {
  if (!isValidKeyName(name)) throw new TypeError(`invalid cosigner name ${JSON.stringify(name)}`);
  if (seed.length !== 32) throw new TypeError('cosigner seed must be 32 bytes');
  const privateKey = await crypto.subtle.importKey(
    'pkcs8',
    toBufferSource(concatBytes(PKCS8_ED25519_PREFIX, seed)),
    ED25519,
    true,
    ['sign'],
  );
  const jwk = await crypto.subtle.exportKey('jwk', privateKey);
  const publicKey = fromBase64url(String(jwk.x));
  const keyId = cosignerKeyId(name, publicKey);
  return {
    name,
    keyId,
    publicKey,
    verifierKey: formatCosignerVerifierKey(name, publicKey),
    async cosign(checkpointBody, timestamp) {
      const signature = new Uint8Array(
        await crypto.subtle.sign(
          ED25519,
          privateKey,
          toBufferSource(cosignatureMessage(checkpointBody, timestamp)),
        ),
      );
      const prefix = new Uint8Array(12);
      const view = new DataView(prefix.buffer);
      view.setUint32(0, keyId, false);
      view.setBigUint64(4, BigInt(timestamp), false);
      return `\u2014 ${name} ${toBase64(concatBytes(prefix, signature))}\n`;
    },
  };
}

/**
 * Verifies that a signed checkpoint carries a valid cosignature by the trusted witness key; returns the
 * checkpoint and the cosignature time. Throws NoteError when there is none or it does not verify.
 */
export async function verifyCosignature(
  signedNote: string,
  cosignerVerifierKey: string,
): Promise<{ checkpoint: Checkpoint; timestamp: number; witness: string }> {
  const key = parseCosignerVerifierKey(cosignerVerifierKey);
  const note = parseSignedNote(signedNote);
  const cryptoKey = await crypto.subtle.importKey('raw', toBufferSource(key.publicKey), ED25519, true, [
    'verify',
  ]);
  for (const line of note.signatures) {
    if (line.name !== key.name || line.keyId !== key.keyId || line.signature.length !== 72) continue;
    const timestamp = Number(
      new DataView(line.signature.buffer, line.signature.byteOffset).getBigUint64(0, false),
    );
    const ok = await crypto.subtle.verify(
      ED25519,
      cryptoKey,
      toBufferSource(line.signature.slice(8)),
      toBufferSource(cosignatureMessage(note.text, timestamp)),
    );
    if (ok) return { checkpoint: parseCheckpoint(note.text), timestamp, witness: key.name };
  }
  throw new NoteError(`no valid cosignature by witness ${key.name}`);
}

/** The body of a tlog-witness add-checkpoint request. */
export interface AddCheckpointRequest {
  oldSize: number;
  proof: Uint8Array[];
  /** The signed checkpoint note. */
  checkpoint: string;
}

export function formatAddCheckpoint(request: AddCheckpointRequest): string {
  return `old ${request.oldSize}\n${request.proof.map((h) => `${toBase64(h)}\n`).join('')}\n${request.checkpoint}`;
}

export function parseAddCheckpoint(body: string): AddCheckpointRequest {
  const blank = body.indexOf('\n\n');
  if (blank < 0) throw new NoteError('add-checkpoint: no blank line before the checkpoint');
  const [oldLine, ...proofLines] = body.slice(0, blank).split('\n');
  const match = /^old (0|[1-9][0-9]{0,15})$/.exec(oldLine);
  if (!match) throw new NoteError('add-checkpoint: the first line must be "old <size>"');
  if (proofLines.length > 63) throw new NoteError('add-checkpoint: more than 63 proof lines');
  const proof = proofLines.map((line) => {
    const hash = fromBase64(line);
    if (hash.length !== 32) throw new NoteError('add-checkpoint: a proof line is not a base64 SHA-256 hash');
    return hash;
  });
  return { oldSize: Number(match[1]), proof, checkpoint: body.slice(blank + 2) };
}
