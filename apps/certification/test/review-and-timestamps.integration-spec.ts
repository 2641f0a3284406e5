import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromBase64, parseTimestampToken, verifyBundle } from '@oversing/verifier';
import { RUNCIBLE_TSA_POLICY_OID } from '../src/keys/timestamp-authority';
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
  TestTenant,
} from './support/certification-harness';

/** `npm run verify -- <bundle> --trust <trust>` as an officer runs it (the built CLI); its exit code. */
function verifyCli(args: string[]): number {
  return spawnSync(process.execPath, ['dist/tools/verify-cli.js', ...args], { stdio: 'ignore' }).status ?? -1;
}

/** The same, asynchronously (the service it asks runs in this process). */
function verifyCliAsync(args: string[]): Promise<{ status: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['dist/tools/verify-cli.js', ...args], (error, _stdout, stderr) => {
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stderr });
    });
  });
}

let api: RunningApi;
let cert: RunningCertification;
let tenant: TestTenant;
let writer: string;
const dir = mkdtempSync(join(tmpdir(), 'runcible-review-'));

/** A soft rule that always fails: every certification goes to human review. */
const REVIEW_EVERYTHING = {
  custom: [{ name: 'always-review', expression: { '==': [1, 2] }, weight: 0.9 }],
};

beforeAll(async () => {
  api = await startApi();
  cert = await startCertification(api);
  tenant = await newTenant(api);
  writer = await certificationClientToken(api, tenant, ['certifications:read', 'certifications:write']);
  await newPolicy(cert, tenant, { key: 'reviewed', name: 'Reviewed', rules: REVIEW_EVERYTHING });
  await newPolicy(cert, tenant, {
    key: 'reviewed-relaxed',
    name: 'Reviewed, requester may decide',
    rules: { ...REVIEW_EVERYTHING, review: { four_eyes: false } },
  });
});

afterAll(async () => {
  await cert?.close();
  await api?.close();
});

function certify(token: string, body: Record<string, unknown>): ReturnType<typeof callCert> {
  return callCert(cert, 'POST', '/api/v1/certifications', {
    token,
    body: { input: { prompt: 'p' }, provider: 'openai', model: 'gpt-4o', ...body },
  });
}

describe('four-eyes review', () => {
  it('the requester cannot approve or reject; another officer can; a policy may relax it', async () => {
    const requester = await certificationUserToken(api, await newUser(api, tenant, ['compliance_officer']));
    const colleague = await certificationUserToken(api, await newUser(api, tenant, ['compliance_officer']));
    const pending = await certify(requester, {
      output: 'Needs a second pair of eyes',
      policy_key: 'reviewed',
    });
    expect(pending.body.data.status).toBe('pending_review');
    const id = pending.body.data.id as string;

    for (const action of ['approve', 'reject']) {
      const own = await callCert(cert, 'POST', `/api/v1/certifications/${id}/${action}`, {
        token: requester,
        body: { reason: 'looks fine to me' },
      });
      expect(own.status).toBe(403);
      expect(own.body.error.code).toBe('FORBIDDEN');
      expect(own.body.error.message).toMatch(/Four-eyes rule: .* was requested by you/);
    }
    const approved = await callCert(cert, 'POST', `/api/v1/certifications/${id}/approve`, {
      token: colleague,
      body: { reason: 'checked by a second officer' },
    });
    expect(approved.status).toBe(200);
    expect(approved.body.data.status).toBe('approved');

    const relaxed = await certify(requester, { output: 'Sandbox output', policy_key: 'reviewed-relaxed' });
    expect(relaxed.body.data.status).toBe('pending_review');
    const self = await callCert(cert, 'POST', `/api/v1/certifications/${relaxed.body.data.id}/reject`, {
      token: requester,
      body: { reason: 'my own call' },
    });
    expect(self.status).toBe(200);
    expect(self.body.data.status).toBe('rejected');
  });

  it('a policy with a non-boolean four_eyes is refused', async () => {
    await expect(
      newPolicy(cert, tenant, { key: 'bad', name: 'Bad', rules: { review: { four_eyes: 'no' } } as never }),
    ).rejects.toThrow();
  });
});

describe('bundle download', () => {
  it('downloads the bare bundle as an attachment that npm run verify accepts as is', async () => {
    const created = await certify(writer, { output: 'Downloadable', policy_key: 'reviewed-relaxed' });
    const response = await fetch(`${cert.url}/api/v1/certifications/${created.body.data.id}/bundle`, {
      headers: { authorization: `Bearer ${writer}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="RC-\d{4}-\d{6}\.bundle\.json"$/,
    );
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ version: 1, certificate: { jws: expect.any(String) } });
    writeFileSync(join(dir, 'bundle.json'), text);
    const trust = await (await fetch(`${cert.url}/api/v1/trust`)).text();
    writeFileSync(join(dir, 'trust.json'), trust);
    // pending review is not a valid status: the file reads and verifies cryptographically, status fails
    const code = verifyCli([join(dir, 'bundle.json'), '--trust', join(dir, 'trust.json')]);
    expect(code).toBe(1);
    const approvedId = (await certify(writer, { output: 'Fine', policy_key: 'reviewed-relaxed' })).body.data
      .id;
    const officer = await certificationUserToken(api, await newUser(api, tenant, ['compliance_officer']));
    await callCert(cert, 'POST', `/api/v1/certifications/${approvedId}/approve`, {
      token: officer,
      body: {},
    });
    const approved = await fetch(`${cert.url}/api/v1/certifications/${approvedId}/bundle`, {
      headers: { authorization: `Bearer ${writer}` },
    });
    writeFileSync(join(dir, 'approved.json'), await approved.text());
    expect(verifyCli([join(dir, 'approved.json'), '--trust', join(dir, 'trust.json')])).toBe(0);
  });
});

describe('built-in time-stamp authority', () => {
  it('issues positive, unique serials under a documented policy OID, from a certificate with a positive serial', async () => {
    const trust = (await callCert(cert, 'GET', '/api/v1/trust')).body as { tsa_certificates: string[] };
    writeFileSync(join(dir, 'tsa.pem'), trust.tsa_certificates[0]);
    const serial = execFileSync('openssl', ['x509', '-in', join(dir, 'tsa.pem'), '-noout', '-serial'], {
      encoding: 'utf8',
    }).trim();
    expect(serial).toMatch(/^serial=[0-7][0-9A-F]{31}$/); // 16 bytes, high bit clear: positive

    const serials = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const created = await certify(writer, { output: `Stamped ${i}`, policy_key: 'reviewed-relaxed' });
      const bundle = (
        await callCert(cert, 'GET', `/api/v1/certifications/${created.body.data.id}/bundle`, {
          token: writer,
        })
      ).body as { timestamp_token: string };
      const { info } = parseTimestampToken(fromBase64(bundle.timestamp_token));
      expect(info.policy).toBe(RUNCIBLE_TSA_POLICY_OID);
      if (i === 0) {
        writeFileSync(join(dir, 'token.der'), fromBase64(bundle.timestamp_token));
        const text = execFileSync(
          'openssl',
          ['ts', '-reply', '-token_in', '-in', join(dir, 'token.der'), '-token_out', '-text'],
          {
            encoding: 'utf8',
          },
        );
        expect(text).toContain(`Policy OID: ${RUNCIBLE_TSA_POLICY_OID}`);
      }
      expect(info.serialNumber).toMatch(/^[4-7][0-9a-f]{31}$/);
      serials.add(info.serialNumber);
    }
    expect(serials.size).toBe(5);
  });
});

describe('external time-stamp authority (TSA_URL)', () => {
  let tsaServer: Server;
  let external: RunningCertification;
  const tsaDir = mkdtempSync(join(tmpdir(), 'runcible-ext-tsa-'));

  beforeAll(async () => {
    // An independent RFC 3161 authority: `openssl ts -reply` behind a small HTTP front.
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
      '-keyout', join(tsaDir, 'tsa.key'), '-out', join(tsaDir, 'tsa.pem'), '-days', '30',
      '-subj', '/CN=External Test TSA', '-addext', 'extendedKeyUsage=critical,timeStamping',
    ], { stdio: 'ignore' }); // prettier-ignore
    writeFileSync(join(tsaDir, 'serial'), '01\n');
    writeFileSync(
      join(tsaDir, 'tsa.cnf'),
      [
        '[ tsa ]',
        'default_tsa = tsa_config',
        '[ tsa_config ]',
        `serial = ${join(tsaDir, 'serial')}`,
        'crypto_device = builtin',
        `signer_cert = ${join(tsaDir, 'tsa.pem')}`,
        `signer_key = ${join(tsaDir, 'tsa.key')}`,
        'signer_digest = sha256',
        'default_policy = 1.2.3.4.1',
        'digests = sha256',
        'accuracy = secs:1',
        'ess_cert_id_alg = sha256',
        'ess_cert_id_chain = no',
        '',
      ].join('\n'),
    );
    tsaServer = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const query = join(tsaDir, `q-${Date.now()}-${Math.random()}.tsq`);
        writeFileSync(query, Buffer.concat(chunks));
        try {
          execFileSync('openssl', [
            'ts', '-reply', '-config', join(tsaDir, 'tsa.cnf'), '-queryfile', query, '-out', `${query}.tsr`,
          ], { stdio: 'ignore' }); // prettier-ignore
          res.writeHead(200, { 'content-type': 'application/timestamp-reply' });
          res.end(readFileSync(`${query}.tsr`));
        } catch {
          res.writeHead(500).end();
        }
      });
    });
    await new Promise<void>((resolve) => tsaServer.listen(0, '127.0.0.1', resolve));
    const { port } = tsaServer.address() as AddressInfo;
    external = await startCertification(api, {
      TSA_URL: `http://127.0.0.1:${port}/tsa`,
      TSA_CERTIFICATE_FILE: join(tsaDir, 'tsa.pem'),
    });
  });

  afterAll(async () => {
    await external?.close();
    await new Promise((resolve) => tsaServer?.close(resolve));
  });

  it('time-stamps through the external authority, whose certificate the trust file carries', async () => {
    const created = await callCert(external, 'POST', '/api/v1/certifications', {
      token: writer,
      body: {
        input: 'p',
        output: 'Externally stamped',
        provider: 'openai',
        model: 'm',
        policy_key: 'reviewed-relaxed',
      },
    });
    expect(created.status).toBe(201);
    const officer = await certificationUserToken(api, await newUser(api, tenant, ['compliance_officer']));
    await callCert(external, 'POST', `/api/v1/certifications/${created.body.data.id}/approve`, {
      token: officer,
      body: {},
    });
    const bundle = (
      await callCert(external, 'GET', `/api/v1/certifications/${created.body.data.id}/bundle`, {
        token: writer,
      })
    ).body as { timestamp_token: string };
    const trust = (await callCert(external, 'GET', '/api/v1/trust')).body as { tsa_certificates: string[] };
    expect(trust.tsa_certificates[0]).toBe(readFileSync(join(tsaDir, 'tsa.pem'), 'utf8'));
    const result = await verifyBundle(bundle, trust);
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result.checks.find((c) => c.name === 'timestamp')?.detail).toContain('CN=External Test TSA');
    expect(parseTimestampToken(fromBase64(bundle.timestamp_token)).info.policy).toBe('1.2.3.4.1');
    // without the external authority's certificate the token cannot be verified: failure, not a pass
    const withoutIt = await verifyBundle(bundle, {
      ...trust,
      tsa_certificates: trust.tsa_certificates.slice(1),
    });
    expect(withoutIt.checks.find((c) => c.name === 'timestamp')?.ok).toBe(false);
  });
});

describe('log monitor (npm run verify -- --checkpoint saved.txt --log URL)', () => {
  it('proves the log only grew since a kept checkpoint, and rejects a checkpoint not signed by the log', async () => {
    const saved = await (await fetch(`${cert.url}/api/v1/log/checkpoint`)).text();
    writeFileSync(join(dir, 'saved.txt'), saved);
    writeFileSync(join(dir, 'trust-monitor.json'), await (await fetch(`${cert.url}/api/v1/trust`)).text());
    await certify(writer, { output: 'One more after the saved checkpoint', policy_key: 'reviewed-relaxed' });
    await checkpointNow(cert);
    const args = ['--trust', join(dir, 'trust-monitor.json'), '--log', cert.url];
    const ok = await verifyCliAsync([...args, '--checkpoint', join(dir, 'saved.txt')]);
    expect(ok.stderr).toMatch(/log monitor OK: size \d+ -> \d+, consistent/);
    expect(ok.status).toBe(0);
    // a kept checkpoint whose root was altered no longer verifies
    const lines = saved.split('\n');
    lines[2] = Buffer.alloc(32, 1).toString('base64');
    writeFileSync(join(dir, 'forged.txt'), lines.join('\n'));
    const forged = await verifyCliAsync([...args, '--checkpoint', join(dir, 'forged.txt')]);
    expect(forged.status).toBe(1);
    expect(forged.stderr).toMatch(/the saved checkpoint does not verify/);
  });
});
