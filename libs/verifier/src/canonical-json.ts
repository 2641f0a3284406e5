/**
 * RFC 8785 JSON Canonicalization Scheme (JCS).
 *
 * - §3.2.1: no whitespace between tokens;
 * - §3.2.2.2: strings are serialized as ECMAScript JSON.stringify does (only `"`, `\`, and U+0000..U+001F
 *   escaped, the latter with \b \t \n \f \r or lower-case \u00xx), and lone surrogates are rejected;
 * - §3.2.2.3: numbers are serialized as ECMAScript Number.prototype.toString (which JSON.stringify uses),
 *   -0 becomes 0, NaN and Infinity are rejected;
 * - §3.2.3: object members are sorted by their names compared as arrays of UTF-16 code units.
 *
 * Only JSON values are accepted: null, booleans, finite numbers, strings, arrays and plain objects. Object
 * members whose value is `undefined` are rejected rather than silently dropped, so a hash never covers
 * less than the caller believes it does.
 */
import { hasLoneSurrogate, utf8 } from './encoding';
import { sha256Base64url, sha256Hex } from './sha256';

/** A JSON value as RFC 8259 defines it. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Returns the RFC 8785 canonical JSON text of a JSON value. Throws TypeError on a non-JSON value. */
export function canonicalize(value: unknown): string {
  return serialize(value, '$');
}

/** The UTF-8 bytes of the canonical form, which is what gets hashed and signed. */
export function canonicalBytes(value: unknown): Uint8Array<ArrayBuffer> {
  return utf8(canonicalize(value));
}

/** Lower-case hex SHA-256 of the UTF-8 canonical form of a JSON value. */
export function canonicalSha256Hex(value: unknown): string {
  return sha256Hex(canonicalize(value));
}

/** Unpadded base64url SHA-256 of the UTF-8 canonical form of a JSON value. */
export function canonicalSha256Base64url(value: unknown): string {
  return sha256Base64url(canonicalize(value));
}

function serialize(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value))
        throw new TypeError(`${path}: ${String(value)} is not a valid JSON number`);
      return JSON.stringify(value); // ECMAScript Number serialization, and -0 → "0"
    case 'string':
      return serializeString(value, path);
    case 'object':
      return Array.isArray(value) ? serializeArray(value, path) : serializeObject(value, path);
    default:
      throw new TypeError(`${path}: ${typeof value} is not a JSON value`);
  }
}

function serializeString(value: string, path: string): string {
  if (hasLoneSurrogate(value)) throw new TypeError(`${path}: string contains a lone surrogate`);
  return JSON.stringify(value);
}

function serializeArray(value: unknown[], path: string): string {
  const items: string[] = [];
  for (let i = 0; i < value.length; i++) items.push(serialize(value[i], `${path}[${i}]`));
  return `[${items.join(',')}]`;
}

function serializeObject(value: object, path: string): string {
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) {
    throw new TypeError(`${path}: only plain objects are JSON objects`);
  }
  const record = value as Record<string, unknown>;
  // Default sort compares UTF-16 code units, exactly as RFC 8785 §3.2.3 requires.
  const keys = Object.keys(record).sort();
  const members: string[] = [];
  for (const key of keys) {
    const memberPath = `${path}.${key}`;
    if (record[key] === undefined) throw new TypeError(`${memberPath}: undefined is not a JSON value`);
    members.push(`${serializeString(key, memberPath)}:${serialize(record[key], memberPath)}`);
  }
  return `{${members.join(',')}}`;
}
