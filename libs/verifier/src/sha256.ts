/**
 * Synchronous SHA-256 (FIPS 180-4) over bytes or UTF-8 text. Uses @noble/hashes, an audited pure-JS
 * implementation that runs in Node and browsers; WebCrypto's digest is asynchronous and far slower per
 * call, which matters when recomputing a Merkle tree of a million leaves.
 */
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';

import { toBase64url, toHex, utf8 } from './encoding';

/** The SHA-256 digest of the bytes, or of the UTF-8 encoding of a string. */
export function sha256(data: Uint8Array | string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(nobleSha256(typeof data === 'string' ? utf8(data) : data));
}

/** Lower-case hex SHA-256 of bytes or of a string's UTF-8 encoding. */
export function sha256Hex(data: Uint8Array | string): string {
  return toHex(sha256(data));
}

/** Unpadded base64url SHA-256 of bytes or of a string's UTF-8 encoding. */
export function sha256Base64url(data: Uint8Array | string): string {
  return toBase64url(sha256(data));
}
