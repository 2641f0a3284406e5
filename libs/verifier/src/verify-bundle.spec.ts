import { describe, expect, it } from 'vitest';

import { type CertificateBundle, certificationLeafData } from './bundle';
import { signCheckpoint } from './checkpoint';
import { createCosigner } from './cosignature';
import { parseSignedNote } from './signed-note';
import { leafHash } from './merkle';
import { formatStatusMapExtension } from './status-map';
import { fromBase64, toBase64, utf8 } from './encoding';
import { formatTlogProof, parseTlogProof } from './tlog-proof';
import {
  createBundleFixture,
  createSigningKey,
  EXPIRES_AT,
  NOW,
  ORIGIN,
  signPayload,
  type BundleFixture,
} from './test/bundle-fixture';
import { createTestTimestampAuthority } from './test/timestamp-authority';
import { BUNDLE_CHECKS, type BundleVerification, verifyBundle } from './verify-bundle';

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function failed(result: BundleVerification): string[] {
  return result.checks.filter((c) => !c.ok).map((c) => c.name);
}

function detail(result: BundleVerification, name: string): string {
  return result.checks.find((c) => c.name === name)?.detail ?? '';
}

describe('verifyBundle on a valid bundle', { timeout: 60_000 }, () => {
  for (const alg of ['RS256', 'ES256', 'EdDSA'] as const) {
    it(`passes every check for an ${alg} certificate`, async () => {
      const { bundle, trust } = await createBundleFixture({ alg });
      const result = await verifyBundle(clone(bundle), clone(trust), NOW);
      expect(result.checks.map((c) => c.name)).toEqual([...BUNDLE_CHECKS]);
      expect(failed(result), JSON.stringify(result, null, 2)).toEqual([]);
      expect(result.ok).toBe(true);
      expect(result.certification_id).toBe(bundle.certificate.payload.certification_id);
      expect(detail(result, 'signature')).toContain(alg);
      expect(detail(result, 'timestamp')).toContain('CN=Test TSA');
    });
  }

  it('passes without input/output (hashes not rechecked)', async () => {
    const { bundle, trust } = await createBundleFixture();
    const { input: _input, output: _output, ...bare } = clone(bundle);
    const result = await verifyBundle(bare, clone(trust), NOW);
    expect(result.ok).toBe(true);
    expect(detail(result, 'hashes')).toMatch(/not rechecked/);
  });

  it('fails `timestamp` when the trust file lists no TSA certificate, even for a corrupted token', async () => {
    const { bundle, trust } = await createBundleFixture();
    const untrusted = await verifyBundle(
      clone(bundle),
      { ...clone(trust), tsa_certificates: undefined },
      NOW,
    );
    expect(failed(untrusted)).toEqual(['timestamp']);
    expect(detail(untrusted, 'timestamp')).toMatch(/lists no TSA certificate/);
    // a token whose CMS signature is corrupted: the imprint still matches, so only the signature could tell
    const token = fromBase64(bundle.timestamp_token);
    token[token.length - 5] ^= 0xff;
    const corrupted = { ...clone(bundle), timestamp_token: toBase64(token) };
    expect(failed(await verifyBundle(corrupted, { ...clone(trust), tsa_certificates: [] }, NOW))).toEqual([
      'timestamp',
    ]);
    expect(failed(await verifyBundle(corrupted, clone(trust), NOW))).toEqual(['timestamp']);
  });

  it('passes for a certificate without expiry', async () => {
    const { bundle, trust } = await createBundleFixture({ payload: { expires_at: null } });
    const result = await verifyBundle(bundle, trust, new Date('2100-01-01T00:00:00Z'));
    expect(result.ok).toBe(true);
    expect(detail(result, 'expiry')).toMatch(/does not expire/);
  });

  it('accepts a token that omits the TSA certificate when the trust file has it', async () => {
    const fixture = await createBundleFixture();
    const token = await fixture.tsa.timestamp(utf8(fixture.bundle.certificate.jws), {
      includeCertificate: false,
    });
    const result = await verifyBundle(
      { ...fixture.bundle, timestamp_token: toBase64(token) },
      fixture.trust,
      NOW,
    );
    expect(failed(result)).toEqual([]);
  });
});

describe('leaf format 2', { timeout: 60_000 }, () => {
  it('verifies a format-2 leaf and fails `inclusion` when any of its custody members is edited', async () => {
    const { bundle, trust } = await createBundleFixture({ status: 'approved' });
    expect((bundle.leaf as { version?: number }).version).toBe(2);
    expect(failed(await verifyBundle(clone(bundle), clone(trust), NOW))).toEqual([]);
    for (const edit of [
      { reason: 'no reason' },
      { actor: { type: 'user', id: 'officer-1' } },
      { requester: 'user:officer-2' },
      { risk_score: 0.1 },
    ]) {
      const tampered = clone(bundle);
      Object.assign(tampered.leaf, edit);
      // the edited leaf is neither in the log nor the status map's entry
      expect(failed(await verifyBundle(tampered, clone(trust), NOW))).toEqual(['inclusion', 'status']);
    }
  });
});

describe('verifyBundle on a tampered or invalid bundle', { timeout: 60_000 }, () => {
  let shared: BundleFixture | undefined;
  const fixture = async () => (shared ??= await createBundleFixture());

  it('fails `hashes` for a tampered output', async () => {
    const { bundle, trust } = await fixture();
    const tampered = clone(bundle);
    (tampered.output as { text: string }).text = 'Revenue grew 21%.';
    const result = await verifyBundle(tampered, trust, NOW);
    expect(failed(result)).toEqual(['hashes']);
    expect(detail(result, 'hashes')).toMatch(/output hash/);
  });

  it('fails `signature` when the signing key is not trusted', async () => {
    const { bundle, trust } = await fixture();
    const other = await createSigningKey('ES256', 'cert-key-es256');
    const result = await verifyBundle(bundle, { ...trust, certificate_keys: [other.publicJwk] }, NOW);
    expect(failed(result)).toEqual(['signature']);
    expect(detail(result, 'signature')).toMatch(/not among the trusted certificate keys/);
  });

  it('fails `signature` for a certificate re-signed by an attacker with their own key', async () => {
    const { bundle, trust } = await fixture();
    const attacker = await createSigningKey('ES256', 'cert-key-es256');
    const forged = clone(bundle);
    forged.certificate.jws = await signPayload(forged.certificate.payload, attacker);
    forged.public_key = attacker.publicJwk as CertificateBundle['public_key'];
    const result = await verifyBundle(forged, trust, NOW);
    expect(failed(result)).toContain('signature');
  });

  it('fails `signature` when the trusted key did not make the signature', async () => {
    const { bundle, trust } = await fixture();
    const forged = clone(bundle);
    const [header, payload, signature] = forged.certificate.jws.split('.');
    forged.certificate.jws = [
      header,
      payload,
      signature.slice(0, -4) + (signature.endsWith('AAAA') ? 'BBBB' : 'AAAA'),
    ].join('.');
    const result = await verifyBundle(forged, trust, NOW);
    expect(failed(result)).toContain('signature');
    expect(detail(result, 'signature')).toMatch(/does not verify/);
  });

  it('fails `signature` when the readable payload differs from the signed one', async () => {
    const { bundle, trust } = await fixture();
    const edited = clone(bundle);
    edited.certificate.payload.expires_at = '2099-01-01T00:00:00.000Z';
    const result = await verifyBundle(edited, trust, NOW);
    expect(failed(result)).toEqual(['signature']);
    expect(detail(result, 'signature')).toMatch(/differs from the signed payload/);
  });

  it('fails `revocation` for a revoked certificate', async () => {
    const { bundle, trust } = await createBundleFixture({ status: 'revoked' });
    const result = await verifyBundle(bundle, trust, NOW);
    expect(failed(result)).toEqual(['revocation']);
    expect(detail(result, 'revocation')).toMatch(/revoked as of checkpoint size 14/);
  });

  it('fails `inclusion` (and `revocation`, from the status map) when a revoked status is relabelled as certified', async () => {
    const { bundle, trust } = await createBundleFixture({ status: 'revoked' });
    const relabelled = clone(bundle);
    relabelled.status.value = 'certified';
    expect(failed(await verifyBundle(relabelled, trust, NOW))).toEqual(['inclusion', 'revocation']);
    relabelled.leaf.status = 'certified';
    const result = await verifyBundle(relabelled, trust, NOW);
    expect(failed(result)).toEqual(['inclusion', 'status', 'revocation']);
    expect(detail(result, 'revocation')).toMatch(/^revoked as of checkpoint size \d+ \(leaf \d+\)$/);
  });

  it('fails `expiry` for an expired certificate', async () => {
    const { bundle, trust } = await fixture();
    const result = await verifyBundle(bundle, trust, new Date(EXPIRES_AT));
    expect(failed(result)).toEqual(['expiry']);
    expect(detail(result, 'expiry')).toMatch(/expired at 2026-03-01/);
  });

  it('fails `checkpoint` for a tampered checkpoint', async () => {
    const { bundle, trust } = await fixture();
    const proof = parseTlogProof(bundle.inclusion_proof);
    const lines = bundle.checkpoint.split('\n');
    const root = fromBase64(lines[2]);
    root[0] ^= 1;
    lines[2] = toBase64(root);
    const checkpoint = lines.join('\n');
    const tampered = { ...bundle, checkpoint, inclusion_proof: formatTlogProof({ ...proof, checkpoint }) };
    const result = await verifyBundle(tampered, trust, NOW);
    expect(failed(result)).toContain('checkpoint');
    expect(detail(result, 'checkpoint')).toMatch(/invalid signature/);
  });

  it('fails `checkpoint` for a checkpoint signed by another log', async () => {
    const { bundle } = await fixture();
    const other = await createBundleFixture();
    const result = await verifyBundle(bundle, { ...(await fixture()).trust, log: other.trust.log }, NOW);
    expect(failed(result)).toEqual(['checkpoint']);
    expect(detail(result, 'checkpoint')).toMatch(/not signed by any trusted key/);
  });

  it('fails `inclusion` for a mutated proof', async () => {
    const { bundle, trust } = await fixture();
    const proof = parseTlogProof(bundle.inclusion_proof);
    const variants = [
      {
        ...proof,
        hashes: proof.hashes.map((h, i) =>
          i === 0 ? Uint8Array.from(h, (b, j) => (j === 5 ? b ^ 4 : b)) : h,
        ),
      },
      { ...proof, hashes: proof.hashes.slice(1) },
      { ...proof, hashes: [...proof.hashes, proof.hashes[0]] },
      { ...proof, index: proof.index + 1 },
    ];
    for (const [i, variant] of variants.entries()) {
      const result = await verifyBundle({ ...bundle, inclusion_proof: formatTlogProof(variant) }, trust, NOW);
      // another index is also not the one the status map records
      expect(failed(result)).toEqual(i === 3 ? ['inclusion', 'status'] : ['inclusion']);
    }
  });

  it('fails `inclusion` when the proof carries another checkpoint than the bundle', async () => {
    const { bundle, trust } = await fixture();
    const other = await createBundleFixture();
    const result = await verifyBundle(
      { ...bundle, inclusion_proof: other.bundle.inclusion_proof },
      trust,
      NOW,
    );
    expect(failed(result)).toEqual(['inclusion']);
  });

  it('fails `checkpoint` when the status is stated against another size', async () => {
    const { bundle, trust } = await fixture();
    const result = await verifyBundle(
      { ...bundle, status: { ...bundle.status, as_of_checkpoint_size: 3 } },
      trust,
      NOW,
    );
    expect(failed(result)).toEqual(['checkpoint']);
  });

  it('fails `timestamp` for a token over another JWS or from an untrusted TSA', async () => {
    const { bundle, trust, tsa } = await fixture();
    const otherData = toBase64(await tsa.timestamp(utf8('another JWS')));
    const wrong = await verifyBundle({ ...bundle, timestamp_token: otherData }, trust, NOW);
    expect(failed(wrong)).toEqual(['timestamp']);
    expect(detail(wrong, 'timestamp')).toMatch(/not for SHA-256 of this JWS/);
    const rogue = await createTestTimestampAuthority('Rogue TSA');
    const rogueToken = toBase64(await rogue.timestamp(utf8(bundle.certificate.jws)));
    const untrusted = await verifyBundle({ ...bundle, timestamp_token: rogueToken }, trust, NOW);
    expect(failed(untrusted)).toEqual(['timestamp']);
    expect(detail(untrusted, 'timestamp')).toMatch(/TSA signature does not verify/);
    const garbage = await verifyBundle({ ...bundle, timestamp_token: toBase64(utf8('not DER')) }, trust, NOW);
    expect(failed(garbage)).toEqual(['timestamp']);
  });

  it('fails `policy` (and the payload checks) when the policy version hash is missing', async () => {
    const { bundle, trust } = await createBundleFixture({ payload: { policy_version_hash: undefined } });
    const result = await verifyBundle(bundle, trust, NOW);
    expect(failed(result)).toEqual(expect.arrayContaining(['policy']));
    expect(failed(result)).not.toContain('signature');
    expect(detail(result, 'policy')).toMatch(/policy_version_hash/);
  });

  it('reports a malformed bundle or trust file as a `format` failure', async () => {
    const { bundle, trust } = await fixture();
    const noLeaf = await verifyBundle({ ...bundle, leaf: undefined }, trust, NOW);
    expect(noLeaf.ok).toBe(false);
    expect(noLeaf.checks).toEqual([
      { name: 'format', ok: false, detail: expect.stringMatching(/leaf/) as string },
    ]);
    const badTrust = await verifyBundle(bundle, { log: trust.log }, NOW);
    expect(badTrust.checks[0]).toMatchObject({ name: 'format', ok: false });
    expect((await verifyBundle('nonsense', trust, NOW)).checks[0].name).toBe('format');
  });
});

describe('provable status (the status map on the checkpoint)', { timeout: 60_000 }, () => {
  it('the re-proof attack: an old leaf re-proven against a newer checkpoint that logged a revocation fails', async () => {
    const { bundle, trust, log } = await createBundleFixture();
    expect(failed(await verifyBundle(bundle, trust, NOW))).toEqual([]);
    const id = bundle.leaf.certification_id;
    const oldIndex = parseTlogProof(bundle.inclusion_proof).index;
    // the log goes on: the certification is revoked, a newer checkpoint is signed (all public)
    const revocation = { ...bundle.leaf, status: 'revoked' as const, at: '2025-05-01T00:00:00.000Z' };
    const revokedAt = log.tree.size;
    log.map.set(id, revokedAt, leafHash(certificationLeafData(revocation)), 'revoked');
    log.tree.append(leafHash(certificationLeafData(revocation)));
    const size = log.tree.size;
    const newer = await signCheckpoint(
      {
        origin: ORIGIN,
        size,
        rootHash: log.tree.root(),
        extensions: [formatStatusMapExtension(log.map.root())],
      },
      log.signer,
    );
    const reproven = {
      ...clone(bundle),
      checkpoint: newer,
      inclusion_proof: formatTlogProof({
        index: oldIndex,
        hashes: log.tree.inclusionProof(oldIndex, size),
        checkpoint: newer,
      }),
      status: { value: 'certified' as const, as_of_checkpoint_size: size },
    };
    // keeping the old status proof: it does not lead to the newer map root
    let result = await verifyBundle(reproven, trust, NOW);
    expect(failed(result)).toEqual(['status', 'revocation']);
    expect(detail(result, 'status')).toMatch(/does not lead to the status map root/);
    // with a fresh status proof from the log: the map names the revocation
    result = await verifyBundle({ ...reproven, status_proof: log.map.prove(id) }, trust, NOW);
    expect(failed(result)).toEqual(['status', 'revocation']);
    expect(detail(result, 'status')).toBe(
      `the status map of checkpoint size ${size} records leaf ${revokedAt} (revoked) as the latest status of this certification, not the bundled leaf ${oldIndex} (certified)`,
    );
    expect(detail(result, 'revocation')).toBe(`revoked as of checkpoint size ${size} (leaf ${revokedAt})`);
  });

  it('a certificate revoked before its checkpoint reports revoked', async () => {
    const { bundle, trust } = await createBundleFixture({ status: 'revoked' });
    const result = await verifyBundle(bundle, trust, NOW);
    expect(failed(result)).toEqual(['revocation']);
    expect(detail(result, 'status')).toMatch(/\(revoked\) is the latest status/);
    expect(detail(result, 'revocation')).toMatch(/^revoked as of checkpoint size/);
  });

  it('a checkpoint without a status map (signed before them) or a bundle without a proof: status not provable', async () => {
    const legacy = await createBundleFixture({ legacyCheckpoint: true });
    let result = await verifyBundle(legacy.bundle, legacy.trust, NOW);
    expect(failed(result)).toEqual(['status', 'revocation']);
    expect(detail(result, 'checkpoint')).toMatch(/^signed by/);
    expect(detail(result, 'status')).toMatch(
      /^status not provable: the checkpoint of size \d+ commits to no status map/,
    );
    const { bundle, trust } = await createBundleFixture();
    const { status_proof: _dropped, ...withoutProof } = clone(bundle);
    result = await verifyBundle(withoutProof, trust, NOW);
    expect(failed(result)).toEqual(['status', 'revocation']);
    expect(detail(result, 'status')).toBe('status not provable: the bundle carries no status proof');
  });

  it('witness cosignatures over the whole body (status map line included) are checked when present', async () => {
    const { bundle, trust } = await createBundleFixture();
    const witness = await createCosigner('witness.test/w1', new Uint8Array(32).fill(7));
    const body = parseSignedNote(bundle.checkpoint).text;
    const cosigned = bundle.checkpoint + (await witness.cosign(body, 1_700_000_000));
    const withWitness = { ...trust, witnesses: [{ name: witness.name, verifier_key: witness.verifierKey }] };
    const ok = await verifyBundle(
      {
        ...bundle,
        checkpoint: cosigned,
        inclusion_proof: bundle.inclusion_proof.replace(bundle.checkpoint, cosigned),
      },
      withWitness,
      NOW,
    );
    expect(failed(ok)).toEqual([]);
    expect(detail(ok, 'checkpoint')).toMatch(/, cosigned by witness witness\.test\/w1$/);
    // a cosignature of another body (the map line edited) does not verify
    const otherBody = body.replace(
      /runcible-status-map\/v1 \S+/,
      'runcible-status-map/v1 AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
    );
    const forged = bundle.checkpoint + (await witness.cosign(otherBody, 1_700_000_000));
    const bad = await verifyBundle(
      {
        ...bundle,
        checkpoint: forged,
        inclusion_proof: bundle.inclusion_proof.replace(bundle.checkpoint, forged),
      },
      withWitness,
      NOW,
    );
    expect(failed(bad)).toEqual(['checkpoint']);
    expect(detail(bad, 'checkpoint')).toMatch(/the cosignature of witness witness\.test\/w1 does not verify/);
    expect(detail(await verifyBundle(bundle, withWitness, NOW), 'checkpoint')).toMatch(
      /not cosigned by a witness of the trust file$/,
    );
  });

  it('a tampered status proof or a status map line edited in the checkpoint fails', async () => {
    const { bundle, trust } = await createBundleFixture();
    const proof = clone(bundle.status_proof!);
    proof.leaf!.value.status = 'approved';
    expect(failed(await verifyBundle({ ...bundle, status_proof: proof }, trust, NOW))).toEqual([
      'status',
      'revocation',
    ]);
    const edited = bundle.checkpoint.replace(
      /runcible-status-map\/v1 (\S)/,
      (_, c: string) => `runcible-status-map/v1 ${c === 'A' ? 'B' : 'A'}`,
    );
    expect(edited).not.toBe(bundle.checkpoint);
    const result = await verifyBundle(
      {
        ...bundle,
        checkpoint: edited,
        inclusion_proof: bundle.inclusion_proof.replace(bundle.checkpoint, edited),
      },
      trust,
      NOW,
    );
    expect(failed(result)).toContain('checkpoint');
    expect(failed(result)).toContain('status');
  });
});
