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
 *       "status_proof": { "key": "<hex>", "leaf": {...}, "siblings": [...] },  // status-map.ts
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
 *     { "log": { "origin": "<checkpoint origin>", "verifier_key": "<name>+<hex id>+<base64 key>",
 *                "previous_verifier_keys": [ ... ] },       // optional: earlier log keys
 *       "certificate_keys": [ <public JWK>, ... ],       // certificate signing keys, retired ones included
 *       "tsa_certificates": [ "<PEM>", ... ],            // TSA certificates (or their CA) to trust
 *       "keys": [ { "kid", "purpose", "created_at" } ],  // optional: every signing key, for audit:verify
 *       "rotations": [ { "purpose": "certificate", "previous": "<kid>", "next": "<kid>",
 *                        "statement": "<compact JWS by the previous key>" } ] }   // see key-rotation.ts
 *
 * The log leaf of a certification status event is `certificationLeafData(entry)`: the UTF-8 RFC 8785
 * canonical JSON of exactly the members of its format (1: {type: 'certification', certification_id,
 * jws_sha256, status, at}; 2 adds the custody members, see certificationLogEntryV2Schema), where
 * jws_sha256 is the lower-case hex SHA-256 of the compact JWS (ASCII) and `at` the event's RFC 3339 time.
 * Its Merkle leaf hash is SHA-256(0x00 || data) (certificationLeafHash). Each status change appends one
 * such leaf; a bundle proves the latest one as of its checkpoint. Ip and user agent are only hashed.
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

/** Version 1 of the log entry of a certification status event (leaves written before leaf format 2). */
export const certificationLogEntryV1Schema = z.object({
  type: z.literal('certification'),
  certification_id: z.string().min(1),
  /** Lower-case hex SHA-256 of the compact JWS. */
  jws_sha256: hex64,
  status: z.enum(CERTIFICATION_STATUSES),
  /** RFC 3339 time of the status event. */
  at: rfc3339,
});

/**
 * Version 2: everything an auditor relies on about the event is in the leaf, so an edit of any of it in
 * the database changes the leaf: who acted and why, hashes of their ip and user agent, who requested the
 * certification, the digests of the policy results, metadata and stored output version, the risk score.
 */
export const certificationLogEntryV2Schema = certificationLogEntryV1Schema.extend({
  version: z.literal(2),
  event_id: z.string().min(1),
  actor: z.object({ type: z.string(), id: z.string().nullable() }),
  reason: z.string().nullable(),
  ip_sha256: hex64.nullable(),
  user_agent_sha256: hex64.nullable(),
  requester: z.string().nullable(),
  risk_score: z.number(),
  policy_results_sha256: hex64,
  metadata_sha256: hex64,
  output_version_sha256: hex64.nullable(),
});

/** The log entry recorded for each certification status event (format 2, or 1 for older leaves). */
export const certificationLogEntrySchema = z.union([
  certificationLogEntryV2Schema,
  certificationLogEntryV1Schema,
]);
export type CertificationLogEntryV1 = z.infer<typeof certificationLogEntryV1Schema>;
export type CertificationLogEntryV2 = z.infer<typeof certificationLogEntryV2Schema>;
export type CertificationLogEntry = CertificationLogEntryV1 | CertificationLogEntryV2;

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

/** A status map proof (status-map.ts): the certification's entry in the checkpoint's status map. */
export const statusMapProofSchema = z.object({
  key: hex64,
  leaf: z
    .object({
      key: hex64,
      value: z.object({
        index: z.number().int().nonnegative(),
        leaf_hash: hex64,
        status: z.enum(CERTIFICATION_STATUSES),
      }),
    })
    .nullable(),
  siblings: z.array(z.string().nullable()).max(256),
});

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
  /**
   * Proof that `leaf` is the latest status leaf of this certification as of the checkpoint: its entry in
   * the status map whose root the checkpoint commits to (status-map.ts). Bundles made before status maps
   * have none, and their status is not provable.
   */
  status_proof: statusMapProofSchema.optional(),
  input: z.unknown().optional(),
  output: z.unknown().optional(),
});
export type CertificateBundle = z.infer<typeof certificateBundleSchema>;

/** Purposes of the service's signing keys (signing_keys.purpose). */
export const KEY_PURPOSES = ['certificate', 'log', 'tsa'] as const;
export type KeyPurpose = (typeof KEY_PURPOSES)[number];

export const trustFileSchema = z.object({
  log: z.object({
    origin: z.string().min(1),
    /** The log's current note verifier key. */
    verifier_key: z.string().min(1),
    /** Verifier keys of earlier log keys, for checkpoints they signed. */
    previous_verifier_keys: z.array(z.string().min(1)).optional(),
  }),
  certificate_keys: z.array(publicJwkSchema).min(1),
  tsa_certificates: z.array(z.string()).optional(),
  /**
   * Every signing key of the service when the file was exported (id, purpose, creation time). audit:verify
   * holds the database's signing_keys to this list: a key it does not list, or lists with another creation
   * time, is an inserted or re-dated key.
   */
  keys: z
    .array(z.object({ kid: z.string().min(1), purpose: z.enum(KEY_PURPOSES), created_at: rfc3339 }))
    .optional(),
  /**
   * Witnesses of the log (c2sp.org/tlog-witness): cosigner verifier keys, and where their latest cosigned
   * checkpoint can be fetched (`<url>/checkpoint?origin=`). audit:verify requires the latest witnessed
   * checkpoint of each and recomputes the tree to it.
   */
  witnesses: z
    .array(
      z.object({
        name: z.string().min(1),
        verifier_key: z.string().min(1),
        url: z.string().url().optional(),
      }),
    )
    .optional(),
  /** Signed key-rotation statements (key-rotation.ts): each new certificate key endorsed by its predecessor. */
  rotations: z
    .array(
      z.object({
        purpose: z.literal('certificate'),
        previous: z.string().min(1),
        next: z.string().min(1),
        statement: z.string().min(1),
      }),
    )
    .optional(),
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

type LeafInput =
  | (Omit<CertificationLogEntryV1, 'type'> & { type?: 'certification'; version?: undefined })
  | (Omit<CertificationLogEntryV2, 'type'> & { type?: 'certification' });

/**
 * The leaf data of a certification status event: UTF-8 RFC 8785 canonical JSON of exactly the members of
 * its format. Format 1: {type: 'certification', certification_id, jws_sha256, status, at}. Format 2 adds
 * version: 2, event_id, actor {type, id}, reason, ip_sha256, user_agent_sha256, requester, risk_score,
 * policy_results_sha256, metadata_sha256, output_version_sha256. Other members are ignored.
 */
export function certificationLeafData(entry: LeafInput): Uint8Array {
  const v1 = {
    type: 'certification',
    certification_id: entry.certification_id,
    jws_sha256: entry.jws_sha256,
    status: entry.status,
    at: entry.at,
  };
  if (entry.version !== 2) return canonicalBytes(v1);
  return canonicalBytes({
    ...v1,
    version: 2,
    event_id: entry.event_id,
    actor: { type: entry.actor.type, id: entry.actor.id },
    reason: entry.reason,
    ip_sha256: entry.ip_sha256,
    user_agent_sha256: entry.user_agent_sha256,
    requester: entry.requester,
    risk_score: entry.risk_score,
    policy_results_sha256: entry.policy_results_sha256,
    metadata_sha256: entry.metadata_sha256,
    output_version_sha256: entry.output_version_sha256,
  });
}

/** The Merkle leaf hash of a certification status event: SHA-256(0x00 || certificationLeafData(entry)). */
export function certificationLeafHash(entry: LeafInput): Uint8Array {
  return leafHash(certificationLeafData(entry));
}

function parseWith<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new BundleFormatError(`invalid ${what}: ${issues.join('; ')}`);
}
