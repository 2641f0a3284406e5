/**
 * Offline verification of a certificate bundle (bundle.ts) against a trust file. Every check runs on its
 * own and reports {name, ok, detail}, so a reader sees everything that is wrong, not just the first thing:
 *
 * - `signature`:  the JWS verifies (RS256, ES256 or EdDSA) under the bundle's public key, whose RFC 7638
 *                 thumbprint is one of the trust file's certificate keys; its payload is the canonical
 *                 JSON of, and equal to, `certificate.payload`.
 * - `hashes`:     when the bundle carries the input/output, their canonical SHA-256 equal the payload's
 *                 input_hash/output_hash.
 * - `policy`:     the payload names the policy version by its SHA-256.
 * - `inclusion`:  the leaf describes this certificate and status, and the tlog-proof leads from its leaf
 *                 hash to the root of the bundled checkpoint (RFC 9162 §2.1.3.2).
 * - `checkpoint`: the checkpoint is signed by the trusted log key, names the trusted origin, and is the
 *                 checkpoint the status is stated against.
 * - `timestamp`:  the RFC 3161 token's imprint is SHA-256 of the JWS, and its CMS signature verifies under
 *                 a trusted TSA certificate when the trust file lists any.
 * - `revocation`: the status as of the checkpoint is a valid one (certified or approved), not revoked.
 * - `expiry`:     the certificate has not expired at `now`.
 *
 * What offline verification cannot show: a revocation appended after the bundled checkpoint. The result
 * is "valid as of checkpoint size N"; a fresher checkpoint from the log answers for later.
 */
import { calculateJwkThumbprint, compactVerify, decodeProtectedHeader, importJWK, type JWK } from 'jose';

import {
  BundleFormatError,
  type CertificateBundle,
  type CertificatePayload,
  certificatePayloadSchema,
  certificationLeafHash,
  jwsSha256,
  parseBundle,
  parseTrustFile,
  type TrustFile,
  VALID_CERTIFICATION_STATUSES,
} from './bundle';
import { canonicalize, canonicalSha256Hex } from './canonical-json';
import { parseSignedCheckpointUnverified, verifyCheckpoint } from './checkpoint';
import { fromBase64, fromBase64url, fromUtf8, utf8 } from './encoding';
import { verifyInclusion } from './merkle';
import { createNoteVerifier } from './note-key';
import { verifyTimestampToken } from './timestamp-token';
import { parseTlogProof } from './tlog-proof';

/** Names of the checks, in the order they are reported. */
export const BUNDLE_CHECKS = [
  'signature',
  'hashes',
  'policy',
  'inclusion',
  'checkpoint',
  'timestamp',
  'revocation',
  'expiry',
] as const;
export type BundleCheckName = (typeof BUNDLE_CHECKS)[number];

/** The JWS algorithms accepted for certificates. */
export const CERTIFICATE_ALGORITHMS = ['RS256', 'ES256', 'EdDSA'] as const;

export interface BundleCheck {
  /** A BundleCheckName, or `format` when the bundle or trust file could not be read. */
  name: BundleCheckName | 'format';
  ok: boolean;
  detail: string;
}

export interface BundleVerification {
  /** True only when every check passed. */
  ok: boolean;
  certification_id?: string;
  checks: BundleCheck[];
}

interface Context {
  bundle: CertificateBundle;
  trust: TrustFile;
  now: Date;
  /** The JWS payload, decoded without verification; `signature` is what vouches for it. */
  payload?: CertificatePayload;
  payloadError?: string;
}

type CheckFn = (ctx: Context) => Promise<string> | string;

/** A failed check: its message becomes the check's detail. */
class CheckFailure extends Error {}

/**
 * Verifies a bundle against a trust file at time `now`. Accepts parsed-but-unvalidated JSON; a bundle or
 * trust file of the wrong shape yields a single failed `format` check. Never throws.
 */
export async function verifyBundle(
  bundle: unknown,
  trust: unknown,
  now: Date = new Date(),
): Promise<BundleVerification> {
  let ctx: Context;
  try {
    ctx = { bundle: parseBundle(bundle), trust: parseTrustFile(trust), now };
  } catch (e) {
    const detail = e instanceof BundleFormatError ? e.message : `unreadable input: ${messageOf(e)}`;
    return { ok: false, checks: [{ name: 'format', ok: false, detail }] };
  }
  try {
    ctx.payload = decodePayload(ctx.bundle.certificate.jws);
  } catch (e) {
    ctx.payloadError = messageOf(e);
  }
  const checks: BundleCheck[] = [];
  for (const name of BUNDLE_CHECKS) {
    try {
      checks.push({ name, ok: true, detail: await CHECKS[name](ctx) });
    } catch (e) {
      checks.push({ name, ok: false, detail: messageOf(e) });
    }
  }
  return { ok: checks.every((c) => c.ok), certification_id: ctx.payload?.certification_id, checks };
}

const CHECKS: Record<BundleCheckName, CheckFn> = {
  signature: checkSignature,
  hashes: checkHashes,
  policy: checkPolicy,
  inclusion: checkInclusion,
  checkpoint: checkCheckpoint,
  timestamp: checkTimestamp,
  revocation: checkRevocation,
  expiry: checkExpiry,
};

async function checkSignature({ bundle, trust }: Context): Promise<string> {
  const { jws } = bundle.certificate;
  const header = decodeProtectedHeader(jws);
  const alg = header.alg ?? '';
  if (!(CERTIFICATE_ALGORITHMS as readonly string[]).includes(alg)) {
    fail(`algorithm ${alg || '(none)'} is not one of ${CERTIFICATE_ALGORITHMS.join(', ')}`);
  }
  const key = bundle.public_key as JWK;
  if (key.d !== undefined) fail('public_key contains private key material');
  if (header.kid !== undefined && key.kid !== undefined && header.kid !== key.kid) {
    fail(`JWS kid ${header.kid} does not match public_key kid ${key.kid}`);
  }
  if (key.alg !== undefined && key.alg !== alg) fail(`public_key is for ${key.alg}, JWS uses ${alg}`);
  const thumbprint = await calculateJwkThumbprint(key, 'sha256');
  let trusted: JWK | undefined;
  for (const candidate of trust.certificate_keys) {
    if ((await calculateJwkThumbprint(candidate as JWK, 'sha256').catch(() => '')) === thumbprint) {
      trusted = candidate as JWK;
      break;
    }
  }
  if (!trusted) fail(`public key ${key.kid ?? thumbprint} is not among the trusted certificate keys`);
  let payloadBytes: Uint8Array;
  try {
    payloadBytes = (await compactVerify(jws, await importJWK(trusted, alg), { algorithms: [alg] })).payload;
  } catch (e) {
    fail(`JWS signature does not verify: ${messageOf(e)}`);
  }
  const payloadText = fromUtf8(payloadBytes);
  if (payloadText !== canonicalize(JSON.parse(payloadText)))
    fail('signed payload is not RFC 8785 canonical JSON');
  if (payloadText !== canonicalize(bundle.certificate.payload)) {
    fail('certificate.payload differs from the signed payload');
  }
  return `${alg} signature by trusted key ${key.kid ?? thumbprint} (thumbprint ${thumbprint})`;
}

function checkHashes({ bundle, ...ctx }: Context): string {
  const payload = payloadOf(ctx);
  const compared: string[] = [];
  for (const field of ['input', 'output'] as const) {
    if (!(field in bundle)) continue;
    const actual = canonicalSha256Hex(bundle[field]);
    const expected = payload[`${field}_hash`];
    if (actual !== expected)
      fail(`${field} hash ${actual} does not match the certificate's ${field}_hash ${expected}`);
    compared.push(field);
  }
  if (compared.length === 0) return 'bundle carries neither input nor output; hashes not rechecked';
  return `${compared.join(' and ')} match the certified SHA-256 hashes`;
}

function checkPolicy(ctx: Context): string {
  const payload = payloadOf(ctx);
  const version = payload.policy_version !== undefined ? ` version ${String(payload.policy_version)}` : '';
  const id = payload.policy_id !== undefined ? ` ${String(payload.policy_id)}` : '';
  return `policy${id}${version} with hash ${payload.policy_version_hash}`;
}

function checkInclusion({ bundle, ...ctx }: Context): string {
  const payload = payloadOf(ctx);
  const proof = parseTlogProof(bundle.inclusion_proof);
  if (proof.checkpoint !== bundle.checkpoint)
    fail('the inclusion proof is for a different checkpoint than the bundle');
  const { leaf } = bundle;
  if (leaf.certification_id !== payload.certification_id) fail('the log leaf is for another certification');
  if (leaf.jws_sha256 !== jwsSha256(bundle.certificate.jws))
    fail('the log leaf is for another certificate JWS');
  if (leaf.status !== bundle.status.value)
    fail(`the log leaf records status ${leaf.status}, not ${bundle.status.value}`);
  const checkpoint = parseSignedCheckpointUnverified(bundle.checkpoint);
  if (
    !verifyInclusion(
      certificationLeafHash(leaf),
      proof.index,
      checkpoint.size,
      proof.hashes,
      checkpoint.rootHash,
    )
  ) {
    fail(`entry ${proof.index} is not included in the checkpoint of size ${checkpoint.size}`);
  }
  return `entry ${proof.index} (${leaf.status} at ${leaf.at}) is included in the tree of size ${checkpoint.size}`;
}

async function checkCheckpoint({ bundle, trust }: Context): Promise<string> {
  const verifier = await createNoteVerifier(trust.log.verifier_key);
  const checkpoint = await verifyCheckpoint(bundle.checkpoint, verifier, trust.log.origin);
  if (bundle.status.as_of_checkpoint_size !== checkpoint.size) {
    fail(
      `status is stated as of size ${bundle.status.as_of_checkpoint_size}, the checkpoint has size ${checkpoint.size}`,
    );
  }
  return `signed by ${verifier.name} for ${checkpoint.origin} at size ${checkpoint.size}`;
}

async function checkTimestamp({ bundle, trust }: Context): Promise<string> {
  const result = await verifyTimestampToken(
    fromBase64(bundle.timestamp_token.replace(/\s+/g, '')),
    utf8(bundle.certificate.jws),
    trust.tsa_certificates ?? [],
  );
  const at = result.info.genTime.toISOString();
  if (!result.imprintMatches) fail('the time-stamp token is not for SHA-256 of this JWS');
  if (result.signatureVerified === undefined) {
    return `token time ${at}; its imprint matches; TSA signature not checked (no TSA certificate in the trust file)`;
  }
  if (!result.signatureVerified) fail(`TSA signature does not verify: ${result.error ?? 'unknown reason'}`);
  return `time-stamped at ${at} by ${result.signer ?? 'a trusted TSA'}`;
}

function checkRevocation({ bundle }: Context): string {
  const { value, as_of_checkpoint_size: size } = bundle.status;
  if (value === 'revoked') fail(`revoked as of checkpoint size ${size}`);
  if (!VALID_CERTIFICATION_STATUSES.includes(value)) fail(`status is ${value} as of checkpoint size ${size}`);
  return `${value}, not revoked, as of checkpoint size ${size}`;
}

function checkExpiry({ bundle, now, ...ctx }: Context): string {
  const payload = payloadOf(ctx);
  if (bundle.status.value === 'expired') fail('the log records this certificate as expired');
  if (payload.expires_at === undefined || payload.expires_at === null)
    return 'the certificate does not expire';
  const expires = new Date(payload.expires_at);
  if (now.getTime() >= expires.getTime())
    fail(`expired at ${expires.toISOString()} (checked at ${now.toISOString()})`);
  return `valid until ${expires.toISOString()} (checked at ${now.toISOString()})`;
}

function decodePayload(jws: string): CertificatePayload {
  const parts = jws.split('.');
  if (parts.length !== 3) throw new Error('certificate.jws is not a compact JWS');
  const json = JSON.parse(fromUtf8(fromBase64url(parts[1]))) as unknown;
  const result = certificatePayloadSchema.safeParse(json);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`certificate payload: ${issues.join('; ')}`);
  }
  return result.data;
}

function payloadOf(ctx: Pick<Context, 'payload' | 'payloadError'>): CertificatePayload {
  if (!ctx.payload) fail(`cannot read the certificate payload: ${ctx.payloadError ?? 'unknown error'}`);
  return ctx.payload;
}

function fail(detail: string): never {
  throw new CheckFailure(detail);
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
