/**
 * Byte and text encodings used by the verifier: hex, standard base64 (RFC 4648 §4), base64url (§5) and UTF-8.
 * Written without Buffer so the library runs unchanged in browsers. Decoders are strict: they reject
 * non-canonical input, so one value has exactly one accepted encoding.
 */

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_LOOKUP = new Map<string, number>([...BASE64_ALPHABET].map((c, i) => [c, i]));

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

/** Encodes a string as UTF-8 bytes. */
export function utf8(text: string): Uint8Array<ArrayBuffer> {
  return utf8Encoder.encode(text);
}

/** Decodes UTF-8 bytes, throwing on malformed input. */
export function fromUtf8(bytes: Uint8Array): string {
  return utf8Decoder.decode(bytes);
}

/** Lower-case hexadecimal encoding. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/** Decodes hexadecimal (either case); throws on odd length or a non-hex character. */
export function fromHex(hex: string): Uint8Array<ArrayBuffer> {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) throw new TypeError('invalid hex string');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Standard base64 with padding (RFC 4648 §4). */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i];
    const b1 = i + 1 < bytes.length ? bytes[i + 1] : 0;
    const b2 = i + 2 < bytes.length ? bytes[i + 2] : 0;
    const n = (b0 << 16) | (b1 << 8) | b2;
    out += BASE64_ALPHABET[(n >> 18) & 63] + BASE64_ALPHABET[(n >> 12) & 63];
    out += i + 1 < bytes.length ? BASE64_ALPHABET[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? BASE64_ALPHABET[n & 63] : '=';
  }
  return out;
}

/**
 * Decodes standard padded base64 (RFC 4648 §4). Rejects whitespace, missing padding, characters outside
 * the alphabet and non-zero trailing bits (non-canonical encodings).
 */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  if (text.length % 4 !== 0) throw new TypeError('invalid base64: length is not a multiple of 4');
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const last = i + 4 === text.length;
    let n = 0;
    for (let j = 0; j < 4; j++) {
      const c = text[i + j];
      const isPad = c === '=' && last && j >= 4 - padding;
      const v = isPad ? 0 : BASE64_LOOKUP.get(c);
      if (v === undefined) throw new TypeError('invalid base64: unexpected character');
      n = (n << 6) | v;
    }
    const chunk = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
    const take = last ? 3 - padding : 3;
    if (last && padding > 0 && chunk.slice(take).some((b) => b !== 0)) {
      throw new TypeError('invalid base64: non-canonical trailing bits');
    }
    for (let k = 0; k < take; k++) out[o++] = chunk[k];
  }
  return out;
}

/** Unpadded base64url (RFC 4648 §5), as used by JOSE. */
export function toBase64url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Decodes unpadded base64url (RFC 4648 §5); rejects padding and standard-alphabet characters. */
export function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  if (/[+/=]/.test(text) || text.length % 4 === 1) throw new TypeError('invalid base64url');
  const std = text.replace(/-/g, '+').replace(/_/g, '/');
  return fromBase64(std + '='.repeat((4 - (std.length % 4)) % 4));
}

/** True when the text contains an ASCII control character (U+0000..U+001F), newline excepted if allowed. */
export function hasControlCharacter(text: string, allowNewline = false): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && !(allowNewline && c === 0x0a)) return true;
  }
  return false;
}

/** True when the string contains an unpaired UTF-16 surrogate, i.e. is not valid Unicode text. */
export function hasLoneSurrogate(text: string): boolean {
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

/** Concatenates byte arrays. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** Byte-wise equality. Not constant-time: only ever used on public values (hashes, roots, key ids). */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Copies bytes into a fresh ArrayBuffer-backed view, the type WebCrypto's BufferSource accepts. */
export function toBufferSource(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes);
}
