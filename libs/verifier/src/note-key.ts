/**
 * Ed25519 keys for C2SP signed notes (https://c2sp.org/signed-note), as used by checkpoints.
 *
 * - Key ID = the first 4 bytes, big-endian, of SHA-256(key name || 0x0A || 0x01 || 32-byte public key),
 *   0x01 being the Ed25519 signature type (signed-note "Ed25519 signatures").
 * - Verifier key text (the golang.org/x/mod/sumdb/note encoding): `<name>+<8 hex key ID>+<base64(0x01 || public key)>`.
 * - Signer key text, same family: `PRIVATE+KEY+<name>+<8 hex key ID>+<base64(0x01 || 32-byte seed)>`.
 *
 * Signing and verification use WebCrypto Ed25519, available in Node 20 and current browsers.
 */
import {
  concatBytes,
  hasControlCharacter,
  fromBase64,
  fromBase64url,
  fromHex,
  toBase64,
  toBufferSource,
  utf8,
} from './encoding';
import { sha256 } from './sha256';

/** Signature type byte of Ed25519 in signed notes. */
export const ED25519_SIGNATURE_TYPE = 0x01;

const ED25519: { name: 'Ed25519' } = { name: 'Ed25519' };
/** DER prefix of a PKCS #8 Ed25519 private key (RFC 8410 §7), followed by the 32-byte seed. */
const PKCS8_ED25519_PREFIX = fromHex('302e020100300506032b657004220420');

/** A parsed verifier key. */
export interface NoteVerifierKey {
  name: string;
  keyId: number;
  publicKey: Uint8Array;
}

/** Verifies signatures made by one key, identified by its name and key ID. */
export interface NoteVerifier {
  readonly name: string;
  readonly keyId: number;
  verify(message: Uint8Array, signature: Uint8Array): Promise<boolean>;
}

/** Signs notes with one key. `sign` returns the bare signature (without the key ID). */
export interface NoteSigner {
  readonly name: string;
  readonly keyId: number;
  sign(message: Uint8Array): Promise<Uint8Array>;
}

/** Checks the signed-note key name rules: non-empty, no Unicode spaces, no '+'. */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[\s+\p{Z}]/u.test(name) && !hasControlCharacter(name);
}

/** Key ID = SHA-256(name || 0x0A || 0x01 || public key)[:4], as a big-endian uint32. */
export function noteKeyId(name: string, publicKey: Uint8Array): number {
  const digest = sha256(concatBytes(utf8(name), Uint8Array.of(0x0a, ED25519_SIGNATURE_TYPE), publicKey));
  return new DataView(digest.buffer).getUint32(0, false);
}

/** Formats the verifier key text `<name>+<hex key ID>+<base64(0x01 || public key)>`. */
export function formatVerifierKey(name: string, publicKey: Uint8Array): string {
  assertKeyName(name);
  assertKeyBytes(publicKey, 'public key');
  const encoded = toBase64(concatBytes(Uint8Array.of(ED25519_SIGNATURE_TYPE), publicKey));
  return `${name}+${hex32(noteKeyId(name, publicKey))}+${encoded}`;
}

/** Parses and checks a verifier key text: Ed25519 type, 32-byte key, and a key ID that matches. */
export function parseVerifierKey(text: string): NoteVerifierKey {
  const parts = splitKeyText(text.trim(), 3);
  if (!parts) throw new TypeError('verifier key must be <name>+<hex key id>+<base64 key>');
  const [name, idHex, keyText] = parts;
  assertKeyName(name);
  const { keyId, key } = decodeKeyParts(name, idHex, keyText, 'verifier key');
  if (noteKeyId(name, key) !== keyId) throw new TypeError('verifier key: key ID does not match the key');
  return { name, keyId, publicKey: key };
}

/** Builds a WebCrypto-backed verifier from a verifier key text or parsed key. */
export async function createNoteVerifier(key: string | NoteVerifierKey): Promise<NoteVerifier> {
  const parsed = typeof key === 'string' ? parseVerifierKey(key) : key;
  const cryptoKey = await crypto.subtle.importKey('raw', toBufferSource(parsed.publicKey), ED25519, true, [
    'verify',
  ]);
  return {
    name: parsed.name,
    keyId: parsed.keyId,
    verify: (message, signature) =>
      crypto.subtle.verify(ED25519, cryptoKey, toBufferSource(signature), toBufferSource(message)),
  };
}

/** Formats the signer key text `PRIVATE+KEY+<name>+<hex key ID>+<base64(0x01 || seed)>`. */
export function formatSignerKey(name: string, seed: Uint8Array, publicKey: Uint8Array): string {
  assertKeyName(name);
  assertKeyBytes(seed, 'private key seed');
  const encoded = toBase64(concatBytes(Uint8Array.of(ED25519_SIGNATURE_TYPE), seed));
  return `PRIVATE+KEY+${name}+${hex32(noteKeyId(name, publicKey))}+${encoded}`;
}

/** Builds a WebCrypto-backed signer from a signer key text; checks the key ID against the derived public key. */
export async function createNoteSigner(signerKey: string): Promise<NoteSigner> {
  const parts = splitKeyText(signerKey.trim(), 5);
  if (!parts || parts[0] !== 'PRIVATE' || parts[1] !== 'KEY') {
    throw new TypeError('signer key must be PRIVATE+KEY+<name>+<hex key id>+<base64 key>');
  }
  const [, , name, idHex, keyText] = parts;
  assertKeyName(name);
  const { keyId, key: seed } = decodeKeyParts(name, idHex, keyText, 'signer key');
  const privateKey = await crypto.subtle.importKey(
    'pkcs8',
    concatBytes(PKCS8_ED25519_PREFIX, seed),
    ED25519,
    true,
    ['sign'],
  );
  const publicKey = await publicKeyOf(privateKey);
  if (noteKeyId(name, publicKey) !== keyId) throw new TypeError('signer key: key ID does not match the key');
  return createNoteSignerFromKey(name, publicKey, privateKey);
}

/** Builds a signer around an Ed25519 WebCrypto private key (which may be non-extractable). */
export function createNoteSignerFromKey(
  name: string,
  publicKey: Uint8Array,
  privateKey: CryptoKey,
): NoteSigner {
  return createNoteSignerFromCallback(
    name,
    publicKey,
    async (message) => new Uint8Array(await crypto.subtle.sign(ED25519, privateKey, toBufferSource(message))),
  );
}

/**
 * Builds a signer around any Ed25519 signing function, e.g. one backed by a KMS or an HSM.
 * The callback must return the 64-byte RFC 8032 signature of exactly the bytes it is given.
 */
export function createNoteSignerFromCallback(
  name: string,
  publicKey: Uint8Array,
  sign: (message: Uint8Array) => Promise<Uint8Array>,
): NoteSigner {
  assertKeyName(name);
  assertKeyBytes(publicKey, 'public key');
  return { name, keyId: noteKeyId(name, publicKey), sign };
}

/** A freshly generated Ed25519 note key pair, in text form. */
export interface GeneratedNoteKeys {
  signerKey: string;
  verifierKey: string;
}

/** Generates a new Ed25519 key pair and returns its signer and verifier key texts. */
export async function generateNoteKeys(name: string): Promise<GeneratedNoteKeys> {
  assertKeyName(name);
  const pair = await crypto.subtle.generateKey(ED25519, true, ['sign', 'verify']);
  const publicKey = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
  const seed = pkcs8.slice(pkcs8.length - 32);
  return {
    signerKey: formatSignerKey(name, seed, publicKey),
    verifierKey: formatVerifierKey(name, publicKey),
  };
}

async function publicKeyOf(privateKey: CryptoKey): Promise<Uint8Array> {
  const jwk = await crypto.subtle.exportKey('jwk', privateKey);
  if (typeof jwk.x !== 'string') throw new TypeError('could not derive the Ed25519 public key');
  return fromBase64url(jwk.x);
}

function decodeKeyParts(
  name: string,
  idHex: string,
  keyText: string,
  what: string,
): { keyId: number; key: Uint8Array } {
  if (!/^[0-9a-f]{8}$/.test(idHex)) throw new TypeError(`${what}: key ID must be 8 lower-case hex digits`);
  let decoded: Uint8Array;
  try {
    decoded = fromBase64(keyText);
  } catch {
    throw new TypeError(`${what}: key is not valid base64`);
  }
  if (decoded.length !== 33 || decoded[0] !== ED25519_SIGNATURE_TYPE) {
    throw new TypeError(`${what}: only Ed25519 keys (type 0x01, 32 bytes) are supported for ${name}`);
  }
  return { keyId: parseInt(idHex, 16), key: decoded.slice(1) };
}

/** Splits on the first `count - 1` plus signs only: the base64 key itself may contain '+'. */
function splitKeyText(text: string, count: number): string[] | undefined {
  const parts: string[] = [];
  let rest = text;
  for (let i = 0; i < count - 1; i++) {
    const at = rest.indexOf('+');
    if (at < 0) return undefined;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  parts.push(rest);
  return parts;
}

function hex32(n: number): string {
  return n.toString(16).padStart(8, '0');
}

function assertKeyName(name: string): void {
  if (!isValidKeyName(name)) throw new TypeError(`invalid key name ${JSON.stringify(name)}`);
}

function assertKeyBytes(bytes: Uint8Array, what: string): void {
  if (bytes.length !== 32) throw new TypeError(`${what} must be 32 bytes`);
}
