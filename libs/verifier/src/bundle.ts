/**
 * The certificate bundle and the trust file: everything `verifyBundle` needs to check one Runcible
 * certificate offline, with no server, database or network.
 *
 * Bundle JSON (version 1):
 *
 *     {
 *       "version": 1,
 *       "certificate": {
 *         "jws": "<compact JWS>",           // header {alg: RS256|ES256|EdDSA, kid}; payload = RFC 8785 canonical
 *                                           // JSON (UTF-8) of the certificate payload below, byte for byte
 *         "payload": { ... }                // the decoded payload, for readers; must equal the signed one
 *       },
 *       "public_key": { "kty": "...", "kid": "...", ... },  // public JWK that signed the JWS
 *       "checkpoint": "<signed note>",      // c2sp.org/tlog-checkpoint, signed by the log's Ed25519 key
 *       "inclusion_proof": "<text>",        // c2sp.org/tlog-proof@v1 for `leaf`; embeds `checkpoint` verbatim
 *       "leaf": {                           // the log entry proven included (see certificationLeafData)
 *         "type": "certification", "certification_id": "...", "jws_sha256": "<hex>",
 *         "status": "certified", "at": "2025-01-01T00:00:00.000Z"
 *       },
 *       "timestamp_token": "<base64 DER>",  // RFC 3161 TimeStampToken (or TimeStampResp) over SHA-256(JWS)
 *       "status": { "value": "certified", "as_of_checkpoint_size": 42 },
 *       "input": <JSON value>,              // optional: the certified input, to recheck input_hash
 *       "output": <JSON value>              // optional: the certified output, to recheck output_hash
 *     }
 *
 * Certificate payload (the JWS payload), snake_case, extra members allowed:
 *
 *     { "certification_id", "input_hash", "output_hash",   // hashes: canonicalSha256Hex of the JSON value
 *       "policy_version_hash",                            // hex SHA-256 naming the exact policy version
 *       "issued_at", "expires_at"?: string | null, ... }   // RFC 3339 timestamps
 *
 * Trust file JSON:
 *
 *     { "log": { "origin": "<checkpoint origin>", "verifier_key": "<name>+<hex id>+<base64 key>" },
 *       "certificate_keys": [ <public JWK>, ... ],       // certificate signing keys, retired ones included
 *       "tsa_certificates": [ "<PEM>", ... ] }           // optional: TSA certificates (or their CA) to trust
 *
 * The log leaf of a certification status event is `certificationLeafData(entry)`: the UTF-8 RFC 8785
 * canonical JSON of exactly {type: 'certification', certification_id, jws_sha256, status, at}, where
 * jws_sha256 is the lower-case hex SHA-256 of the compact JWS (ASCII) and `at` the event's RFC 3339 time.
 * Its Merkle leaf hash is SHA-256(0x00 || data) (certificationLeafHash). Each status change appends one
 * such leaf; a bundle proves the latest one as of its checkpoint. Leaves carry no personal data.
 */
import { z } from 'zod';

import { canonicalBytes } from './canonical-json';
import { leafHash } from './merkle';
import { sha256Hex } from './sha256';

/** Bundle format version this library produces and verifies. */
export const BUNDLE_VERSION = 1;

/** Lifecycle states of a certification, as recorded in the log. */
export const CERTIFICATION_STATUSES = [
  'pending',
  'certified',
  'approved',
  'rejected',
  'revoked',
  'expired',
] as const;
export type CertificationStatus = (typeof CERTIFICATION_STATUSES)[number];

/** States in which a certificate is currently valid. */
export const VALID_CERTIFICATION_STATUSES: readonly CertificationStatus[] = ['certified', 'approved'];

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits (SHA-256)');
const rfc3339 = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be an RFC 3339 timestamp');

/** Public JWK: kty is required; other members are checked by jose when the key is imported. */
export const publicJwkSchema = z
  .object({ kty: z.string(), kid: z.string().optional(), alg: z.string().optional() })
  .passthrough();
export type PublicJwk = z.infer<typeof publicJwkSchema>;

/** The log entry recorded for each certification status event. */
export const certificationLogEntrySchema = z.object({
  type: z.literal('certification'),
  certification_id: z.string().min(1),
  /** Lower-case hex SHA-256 of the compact JWS. */
  jws_sha256: hex64,
  status: z.enum(CERTIFICATION_STATUSES),
  /** RFC 3339 time of the status event. */
  at: rfc3339,
});
export type CertificationLogEntry = z.infer<typeof certificationLogEntrySchema>;

/** The signed certificate payload; members beyond these are allowed and covered by the signature. */
export const certificatePayloadSchema = z
  .object({
    certification_id: z.string().min(1),
    input_hash: hex64,
    output_hash: hex64,
    policy_version_hash: hex64,
    issued_at: rfc3339,
    expires_at: rfc3339.nullable().optional(),
  })
  .passthrough();
export type CertificatePayload = z.infer<typeof certificatePayloadSchema>;

export const certificateBundleSchema = z.object({
  version: z.literal(BUNDLE_VERSION),
  certificate: z.object({ jws: z.string().min(1), payload: z.record(z.unknown()) }),
  public_key: publicJwkSchema,
  checkpoint: z.string().min(1),
  inclusion_proof: z.string().min(1),
  leaf: certificationLogEntrySchema,
  timestamp_token: z.string().min(1),
  status: z.object({
    value: z.enum(CERTIFICATION_STATUSES),
    as_of_checkpoint_size: z.number().int().nonnegative(),
  }),
  input: z.unknown().optional(),
  output: z.unknown().optional(),
});
export type CertificateBundle = z.infer<typeof certificateBundleSchema>;

export const trustFileSchema = z.object({
  log: z.object({ origin: z.string().min(1), verifier_key: z.string().min(1) }),
  certificate_keys: z.array(publicJwkSchema).min(1),
  tsa_certificates: z.array(z.string()).optional(),
});
export type TrustFile = z.infer<typeof trustFileSchema>;

/** Raised when a bundle or trust file does not have the documented shape. */
export class BundleFormatError extends Error {
  override name = 'BundleFormatError';
}

/** Validates a parsed bundle JSON value. */
export function parseBundle(value: unknown): CertificateBundle {
  return parseWith(certificateBundleSchema, value, 'bundle');
}

/** Validates a parsed trust file JSON value. */
export function parseTrustFile(value: unknown): TrustFile {
  return parseWith(trustFileSchema, value, 'trust file');
}

/** Lower-case hex SHA-256 of a compact JWS, as recorded in log entries. */
export function jwsSha256(jws: string): string {
  return sha256Hex(jws);
}

/**
 * The leaf data of a certification status event: UTF-8 RFC 8785 canonical JSON of exactly
 * {type: 'certification', certification_id, jws_sha256, status, at}. Other members are ignored.
 */
export function certificationLeafData(
  entry: Omit<CertificationLogEntry, 'type'> & { type?: 'certification' },
): Uint8Array {
  return canonicalBytes({
    type: 'certification',
    certification_id: entry.certification_id,
    jws_sha256: entry.jws_sha256,
    status: entry.status,
    at: entry.at,
  });
}

/** The Merkle leaf hash of a certification status event: SHA-256(0x00 || certificationLeafData(entry)). */
export function certificationLeafHash(
  entry: Omit<CertificationLogEntry, 'type'> & { type?: 'certification' },
): Uint8Array {
  return leafHash(certificationLeafData(entry));
}

function parseWith<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new BundleFormatError(`invalid ${what}: ${issues.join('; ')}`);
}
