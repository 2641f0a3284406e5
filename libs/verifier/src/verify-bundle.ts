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
 * - `status`:     the bundled leaf is the latest status leaf of this certification as of the checkpoint:
 *                 the status proof leads to the status map root on the checkpoint's extension line and
 *                 its entry is that leaf (index, leaf hash, status). A checkpoint without a status map
 *                 (signed before status maps) or a bundle without a proof: "status not provable".
 * - `timestamp`:  the RFC 3161 token's imprint is SHA-256 of the JWS, and its CMS signature verifies under
 *                 a TSA certificate of the trust file (a token that cannot be verified fails: no TSA
 *                 certificate in the trust file is a failure, not a pass).
 * - `revocation`: the status the status map proves as of the checkpoint is a valid one (certified or
 *                 approved), not revoked; it fails when the status is not provable.
 * - `expiry`:     the certificate has not expired at `now`.
 *
 * What offline verification cannot show: a revocation appended after the bundled checkpoint. The result
 * is "valid as of checkpoint size N"; a fresher checkpoint (with a fresh status proof) answers for later,
 * and re-proving an old leaf against a newer checkpoint fails `status` (the map names the newer leaf).
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
import { fromBase64, fromBase64url, fromUtf8, toHex, utf8 } from './encoding';
import { verifyInclusion } from './merkle';
import { verifyCosignature } from './cosignature';
import { createNoteVerifier } from './note-key';
import { parseSignedNote } from './signed-note';
import { verifyTimestampToken } from './timestamp-token';
import { type StatusMapValue, statusMapRootOf, verifyStatusMapProof } from './status-map';
import { parseTlogProof } from './tlog-proof';

/** Names of the checks, in the order they are reported. */
export const BUNDLE_CHECKS = [
  'signature',
  'hashes',
  'policy',
  'inclusion',
  'checkpoint',
  'status',
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
  /** The status map proof's outcome, computed once for `status`, `revocation` and `expiry`. */
  proven?: ProvenStatus;
}

/**
 * What the status map of the bundled checkpoint says about this certification: its entry (when the proof
 * verifies), and why the bundled leaf is not proven to be the latest status (when it is not).
 */
interface ProvenStatus {
  entry?: StatusMapValue;
  size?: number;
  problem?: string;
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
  status: checkStatus,
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
  // Witness cosignatures (c2sp.org/tlog-cosignature) cover the whole body, the status map line included.
  const signers = new Set(parseSignedNote(bundle.checkpoint).signatures.map((s) => s.name));
  const cosigned: string[] = [];
  for (const witness of trust.witnesses ?? []) {
    try {
      cosigned.push((await verifyCosignature(bundle.checkpoint, witness.verifier_key)).witness);
    } catch (e) {
      if (signers.has(witness.name))
        fail(`the cosignature of witness ${witness.name} does not verify: ${messageOf(e)}`);
    }
  }
  const witnessed =
    cosigned.length > 0
      ? `, cosigned by witness ${cosigned.join(', ')}`
      : (trust.witnesses ?? []).length > 0
        ? ', not cosigned by a witness of the trust file'
        : '';
  return `signed by ${verifier.name} for ${checkpoint.origin} at size ${checkpoint.size}${witnessed}`;
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
    fail(
      `token time ${at}: the TSA signature cannot be verified because the trust file lists no TSA certificate (tsa_certificates)`,
    );
  }
  if (!result.signatureVerified) fail(`TSA signature does not verify: ${result.error ?? 'unknown reason'}`);
  return `time-stamped at ${at} by ${result.signer ?? 'a trusted TSA'}`;
}

/** Evaluates the status proof once per verification (see ProvenStatus). */
function provenStatus(ctx: Context): ProvenStatus {
  ctx.proven ??= evaluateStatusProof(ctx);
  return ctx.proven;
}

function evaluateStatusProof({ bundle, ...ctx }: Context): ProvenStatus {
  let size: number | undefined;
  try {
    const payload = payloadOf(ctx);
    const checkpoint = parseSignedCheckpointUnverified(bundle.checkpoint);
    size = checkpoint.size;
    const root = statusMapRootOf(checkpoint.extensions);
    if (!root) {
      return {
        size,
        problem: `status not provable: the checkpoint of size ${size} commits to no status map (signed before status maps); download a fresh bundle`,
      };
    }
    if (!bundle.status_proof)
      return { size, problem: 'status not provable: the bundle carries no status proof' };
    const entry = verifyStatusMapProof(root, payload.certification_id, bundle.status_proof);
    if (!entry) {
      return {
        size,
        problem: `the status map of checkpoint size ${size} has no entry for this certification`,
      };
    }
    const index = parseTlogProof(bundle.inclusion_proof).index;
    const leafHash = toHex(certificationLeafHash(bundle.leaf));
    if (entry.index !== index || entry.leaf_hash !== leafHash || entry.status !== bundle.leaf.status) {
      return {
        entry,
        size,
        problem: `the status map of checkpoint size ${size} records leaf ${entry.index} (${entry.status}) as the latest status of this certification, not the bundled leaf ${index} (${bundle.leaf.status})`,
      };
    }
    return { entry, size };
  } catch (e) {
    return { size, problem: `status not provable: ${messageOf(e)}` };
  }
}

function checkStatus(ctx: Context): string {
  const { entry, size, problem } = provenStatus(ctx);
  if (problem || !entry) fail(problem ?? 'status not provable');
  return `leaf ${entry.index} (${entry.status}) is the latest status of this certification in the status map of checkpoint size ${size}`;
}

function checkRevocation(ctx: Context): string {
  const { entry, problem } = provenStatus(ctx);
  const size = ctx.bundle.status.as_of_checkpoint_size;
  if (!entry) fail(`status not provable as of checkpoint size ${size}: ${problem ?? 'no status proof'}`);
  const value = entry.status;
  if (value === 'revoked') fail(`revoked as of checkpoint size ${size} (leaf ${entry.index})`);
  if (!VALID_CERTIFICATION_STATUSES.includes(value)) fail(`status is ${value} as of checkpoint size ${size}`);
  return `${value}, not revoked, as of checkpoint size ${size}`;
}

function checkExpiry(ctx: Context): string {
  const { now } = ctx;
  const payload = payloadOf(ctx);
  const status = provenStatus(ctx).entry?.status ?? ctx.bundle.status.value;
  if (status === 'expired') fail('the log records this certificate as expired');
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
