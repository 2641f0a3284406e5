/**
 * Provable status (issue 11, attack 4), through HTTP against the real service, from public data only:
 * a bundle downloaded before a revocation, re-proven against a newer checkpoint signed after it, must fail
 * `npm run verify` (the built CLI) and the verifier library; a certificate revoked before its checkpoint
 * must report revoked.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CertificateBundle,
  formatTlogProof,
  fromBase64,
  parseTlogProof,
  type StatusMapProof,
  verifyBundle,
} from '@oversing/verifier';
import {
  callCert,
  certificationClientToken,
  certificationUserToken,
  checkpointNow,
  newPolicy,
  newTenant,
  newUser,
  RunningApi,
  RunningCertification,
  startApi,
  startCertification,
} from './support/certification-harness';

/** `npm run verify -- <bundle> --trust <trust>` as an officer runs it (the built CLI). */
function verifyCli(args: string[]): Promise<{ status: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['dist/tools/verify-cli.js', ...args], (error, _stdout, stderr) => {
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stderr });
    });
  });
}

let api: RunningApi;
let cert: RunningCertification;
let writer: string;
let officer: string;
let trust: unknown;
const dir = mkdtempSync(join(tmpdir(), 'runcible-status-'));
const trustPath = join(dir, 'trust.json');

beforeAll(async () => {
  api = await startApi();
  cert = await startCertification(api);
  const tenant = await newTenant(api);
  writer = await certificationClientToken(api, tenant, ['certifications:read', 'certifications:write']);
  officer = await certificationUserToken(api, await newUser(api, tenant, ['compliance_officer']));
  await newPolicy(cert, tenant, { key: 'plain', name: 'Plain', rules: {} });
  trust = (await callCert(cert, 'GET', '/api/v1/trust')).body;
  writeFileSync(trustPath, JSON.stringify(trust));
});

afterAll(async () => {
  await cert?.close();
  await api?.close();
});

async function certify(output: string): Promise<string> {
  const created = await callCert(cert, 'POST', '/api/v1/certifications', {
    token: writer,
    body: { input: { prompt: 'p' }, output, provider: 'openai', model: 'gpt-4o', policy_key: 'plain' },
  });
  expect(created.status).toBeLessThan(300);
  return created.body.data.id as string;
}

async function bundleOf(id: string): Promise<CertificateBundle> {
  const response = await fetch(`${cert.url}/api/v1/certifications/${id}/bundle`, {
    headers: { authorization: `Bearer ${writer}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as CertificateBundle;
}

async function revoke(id: string): Promise<void> {
  const revoked = await callCert(cert, 'POST', `/api/v1/certifications/${id}/revoke`, {
    token: officer,
    body: { reason: 'figures were wrong' },
  });
  expect(revoked.status).toBe(200);
}

async function cliOn(bundle: unknown, name: string): Promise<{ status: number; stderr: string }> {
  writeFileSync(join(dir, name), JSON.stringify(bundle));
  return verifyCli([join(dir, name), '--trust', trustPath]);
}

const failedChecks = (r: Awaited<ReturnType<typeof verifyBundle>>): string[] =>
  r.checks.filter((c) => !c.ok).map((c) => c.name);
const detailOf = (r: Awaited<ReturnType<typeof verifyBundle>>, name: string): string =>
  r.checks.find((c) => c.name === name)?.detail ?? '';

describe('provable status', () => {
  it(
    'the re-proof attack from public data fails npm run verify and the verifier library',
    { timeout: 120_000 },
    async () => {
      const id = await certify('Revenue grew 12%');
      const old = await bundleOf(id);
      expect(old.status_proof).toBeDefined();
      expect(old.checkpoint).toMatch(/\nruncible-status-map\/v1 [A-Za-z0-9+/]{43}=\n\n/);
      expect((await verifyBundle(old, trust)).ok).toBe(true);
      expect((await cliOn(old, 'old.json')).status).toBe(0);

      await revoke(id);
      await checkpointNow(cert);
      // the attacker's public material: the newest checkpoint (other spec files may append to the shared
      // log meanwhile, so it is taken once, with the fresh status proof served at it) and an inclusion
      // proof of the old leaf in it
      const fresh = (await callCert(cert, 'GET', `/api/v1/log/proof/status?certification_id=${id}`)).body
        .data as { size: number; checkpoint: string; proof: StatusMapProof };
      const { size, checkpoint } = fresh;
      expect(checkpoint.split('\n')[1]).toBe(String(size));
      const events = (await callCert(cert, 'GET', `/api/v1/certifications/${id}/audit`, { token: officer }))
        .body.data as { event: string; log_index: number | null }[];
      const revokedAt = events.find((e) => e.event === 'revoked')?.log_index ?? -1;
      expect(revokedAt).toBeGreaterThan(0);
      expect(revokedAt).toBeLessThan(size);
      const index = parseTlogProof(old.inclusion_proof).index;
      const inclusion = (
        await callCert(cert, 'GET', `/api/v1/log/proof/inclusion?index=${index}&size=${size}`)
      ).body.data as { hashes: string[] };
      const attacked: CertificateBundle = {
        ...old,
        checkpoint,
        inclusion_proof: formatTlogProof({ index, hashes: inclusion.hashes.map(fromBase64), checkpoint }),
        status: { value: 'certified', as_of_checkpoint_size: size },
      };
      let result = await verifyBundle(attacked, trust);
      expect(result.ok).toBe(false);
      expect(detailOf(result, 'inclusion')).toMatch(/is included in the tree of size/); // the old leaf is in it
      expect(failedChecks(result)).toEqual(['status', 'revocation']);
      expect(detailOf(result, 'status')).toMatch(/does not lead to the status map root/);
      let cli = await cliOn(attacked, 'attacked.json');
      expect(cli.status).toBe(1);
      expect(cli.stderr).toMatch(/status: /);

      // with the fresh status proof at the newer checkpoint (public too): the map names the revocation
      expect(fresh.proof.leaf?.value).toMatchObject({ index: revokedAt, status: 'revoked' });
      result = await verifyBundle({ ...attacked, status_proof: fresh.proof }, trust);
      expect(failedChecks(result)).toEqual(['status', 'revocation']);
      expect(detailOf(result, 'status')).toBe(
        `the status map of checkpoint size ${size} records leaf ${revokedAt} (revoked) as the latest status of this certification, not the bundled leaf ${index} (certified)`,
      );
      expect(detailOf(result, 'revocation')).toBe(
        `revoked as of checkpoint size ${size} (leaf ${revokedAt})`,
      );
      cli = await cliOn({ ...attacked, status_proof: fresh.proof }, 'attacked-fresh.json');
      expect(cli.status).toBe(1);
      expect(cli.stderr).toContain(`revocation: revoked as of checkpoint size ${size} (leaf ${size - 1})`);
    },
  );

  it('a certificate revoked before its checkpoint reports revoked', { timeout: 60_000 }, async () => {
    const id = await certify('Wrong figures');
    await revoke(id);
    const bundle = await bundleOf(id);
    expect(bundle.leaf.status).toBe('revoked');
    expect(bundle.status_proof?.leaf?.value.status).toBe('revoked');
    const result = await verifyBundle(bundle, trust);
    expect(failedChecks(result)).toEqual(['revocation']);
    expect(detailOf(result, 'status')).toMatch(/\(revoked\) is the latest status of this certification/);
    expect(detailOf(result, 'revocation')).toMatch(/^revoked as of checkpoint size \d+ \(leaf \d+\)$/);
    const cli = await cliOn(bundle, 'revoked.json');
    expect(cli.status).toBe(1);
    expect(cli.stderr).toMatch(/revocation: revoked as of checkpoint size/);
  });

  it('status proofs are served at the latest checkpoint only, for a well-formed id', async () => {
    const latest = await checkpointNow(cert);
    const id = await certify('Another');
    await checkpointNow(cert);
    const stale = await callCert(
      cert,
      'GET',
      `/api/v1/log/proof/status?certification_id=${id}&size=${latest.size}`,
    );
    expect(stale.status).toBe(409);
    const absent = await callCert(cert, 'GET', '/api/v1/log/proof/status?certification_id=not-an-id');
    expect(absent.status).toBe(422);
    const current = (await callCert(cert, 'GET', `/api/v1/log/proof/status?certification_id=${id}`)).body
      .data as {
      proof: StatusMapProof;
    };
    expect(current.proof.leaf?.value.status).toBe('certified');
  });
});
