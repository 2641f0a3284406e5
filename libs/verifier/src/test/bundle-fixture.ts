/**
 * Builds a complete, valid certificate bundle and its trust file the way the certification service does:
 * a certificate signing key (jose), an RFC 8785 canonical payload signed as a JWS, a small log with the
 * certification's leaf among audit-event leaves, a signed checkpoint, a tlog-proof and an RFC 3161 token.
 */
import { CompactSign, exportJWK, generateKeyPair, type JWK } from 'jose';

import {
  BUNDLE_VERSION,
  type CertificateBundle,
  type CertificationLogEntry,
  type CertificationStatus,
  certificationLeafData,
  jwsSha256,
  type TrustFile,
} from '../bundle';
import { canonicalBytes, canonicalSha256Hex } from '../canonical-json';
import { signCheckpoint } from '../checkpoint';
import { toBase64, utf8 } from '../encoding';
import { leafHash } from '../merkle';
import { MerkleTree } from '../merkle-tree';
import { createNoteSigner, generateNoteKeys, type NoteSigner } from '../note-key';
import { formatStatusMapExtension, StatusMap } from '../status-map';
import { formatTlogProof } from '../tlog-proof';
import { createTestTimestampAuthority, type TestTimestampAuthority } from './timestamp-authority';

export const ORIGIN = 'runcible.test/log';
export const ISSUED_AT = '2025-03-01T12:00:00.000Z';
export const EXPIRES_AT = '2026-03-01T12:00:00.000Z';
/** A time at which fixture certificates are valid. */
export const NOW = new Date('2025-06-01T00:00:00.000Z');

export type CertificateAlgorithm = 'RS256' | 'ES256' | 'EdDSA';

export interface SigningKey {
  alg: CertificateAlgorithm;
  publicJwk: JWK;
  privateKey: CryptoKey;
}

export async function createSigningKey(alg: CertificateAlgorithm, kid: string): Promise<SigningKey> {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  return { alg, publicJwk: { ...(await exportJWK(publicKey)), kid, alg }, privateKey };
}

export async function signPayload(payload: Record<string, unknown>, key: SigningKey): Promise<string> {
  return new CompactSign(canonicalBytes(payload))
    .setProtectedHeader({ alg: key.alg, kid: key.publicJwk.kid })
    .sign(key.privateKey);
}

export interface BundleFixture {
  bundle: CertificateBundle;
  trust: TrustFile;
  key: SigningKey;
  tsa: TestTimestampAuthority;
  log: FixtureLog;
}

export interface BundleFixtureOptions {
  alg?: CertificateAlgorithm;
  /** Final status of the certification in the log (default: certified). */
  status?: CertificationStatus;
  /** Payload members to override or remove (undefined removes). */
  payload?: Record<string, unknown>;
  /** Sign the checkpoint without a status map line (as before status maps); default false. */
  legacyCheckpoint?: boolean;
}

/** What a fixture's log holds, to build other checkpoints and proofs of it (the re-proof attack). */
export interface FixtureLog {
  tree: MerkleTree;
  map: StatusMap;
  signer: NoteSigner;
}

export async function createBundleFixture(options: BundleFixtureOptions = {}): Promise<BundleFixture> {
  const { alg = 'ES256', status = 'certified' } = options;
  const key = await createSigningKey(alg, `cert-key-${alg.toLowerCase()}`);
  const input = { prompt: 'Summarise the quarterly report', model: 'demo-model' };
  const output = { text: 'Revenue grew 12% (source: Q3 report p. 4).', citations: ['Q3 report p. 4'] };
  const payload: Record<string, unknown> = {
    certification_id: '0b9f2a0e-5b1c-4e7e-9a55-3f7d0c1e2a10',
    certification_number: 'DEMO-2025-000042',
    input_hash: canonicalSha256Hex(input),
    output_hash: canonicalSha256Hex(output),
    policy_id: 'policy-1',
    policy_version: 3,
    policy_version_hash: canonicalSha256Hex({ rules: ['no-pii'] }),
    issued_at: ISSUED_AT,
    expires_at: EXPIRES_AT,
  };
  for (const [name, value] of Object.entries(options.payload ?? {})) {
    if (value === undefined) delete payload[name];
    else payload[name] = value;
  }
  const jws = await signPayload(payload, key);

  // The log: audit-event leaves around the certification's status events.
  const tree = new MerkleTree();
  const map = new StatusMap();
  const audit = (n: number) => tree.append(leafHash(utf8(`audit event ${n}`)));
  const other = (n: number) => {
    const hash = leafHash(utf8(`another certification ${n}`));
    map.set(`other-certification-${n}`, tree.size, hash, 'certified');
    tree.append(hash);
  };
  for (let i = 0; i < 5; i++) (i % 2 ? other : audit)(i);
  const certified: CertificationLogEntry = {
    type: 'certification',
    certification_id: payload.certification_id as string,
    jws_sha256: jwsSha256(jws),
    status: 'certified',
    at: ISSUED_AT,
  };
  let leaf: CertificationLogEntry = certified;
  let index = tree.size;
  map.set(certified.certification_id, index, leafHash(certificationLeafData(certified)), 'certified');
  tree.append(leafHash(certificationLeafData(certified)));
  for (let i = 5; i < 9; i++) (i % 2 ? other : audit)(i);
  if (status !== 'certified') {
    // a later decision, in leaf format 2 (who, why, and digests of what the auditor relies on)
    leaf = {
      ...certified,
      status,
      at: '2025-04-01T08:00:00.000Z',
      version: 2,
      event_id: '7d1f0c55-1f0e-4b7e-8c53-0c9e3b6f2a11',
      actor: { type: 'user', id: 'officer-2' },
      reason: 'checked by a second officer',
      ip_sha256: canonicalSha256Hex('203.0.113.7'),
      user_agent_sha256: null,
      requester: 'user:requester-1',
      risk_score: 0.6,
      policy_results_sha256: canonicalSha256Hex([]),
      metadata_sha256: canonicalSha256Hex({}),
      output_version_sha256: canonicalSha256Hex({ output }),
    };
    index = tree.size;
    map.set(certified.certification_id, index, leafHash(certificationLeafData(leaf)), status);
    tree.append(leafHash(certificationLeafData(leaf)));
  }
  for (let i = 9; i < 12; i++) audit(i);

  const logKeys = await generateNoteKeys(ORIGIN);
  const signer = await createNoteSigner(logKeys.signerKey);
  const checkpoint = await signCheckpoint(
    {
      origin: ORIGIN,
      size: tree.size,
      rootHash: tree.root(),
      ...(options.legacyCheckpoint ? {} : { extensions: [formatStatusMapExtension(map.root())] }),
    },
    signer,
  );
  const tsa = await createTestTimestampAuthority();
  const bundle: CertificateBundle = {
    version: BUNDLE_VERSION,
    certificate: { jws, payload },
    public_key: key.publicJwk as CertificateBundle['public_key'],
    checkpoint,
    inclusion_proof: formatTlogProof({ index, hashes: tree.inclusionProof(index), checkpoint }),
    leaf,
    timestamp_token: toBase64(await tsa.timestamp(utf8(jws))),
    status: { value: status, as_of_checkpoint_size: tree.size },
    status_proof: map.prove(certified.certification_id),
    input,
    output,
  };
  const trust: TrustFile = {
    log: { origin: ORIGIN, verifier_key: logKeys.verifierKey },
    certificate_keys: [key.publicJwk as TrustFile['certificate_keys'][number]],
    tsa_certificates: [tsa.certificatePem],
  };
  return { bundle, trust, key, tsa, log: { tree, map, signer } };
}
