import { request } from 'node:https';
import { connect } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { selfSignedCertificate } from '@oversing/testing';
import { SigningKeysService } from '../src/oauth/signing-keys.service';
import { call, clientToken, newClient, newTenant, RunningApi, startApi } from './support/api-harness';

const running: RunningApi[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((a) => a.close()));
});

function tlsHandshake(port: number, maxVersion: 'TLSv1.2' | 'TLSv1.3'): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, rejectUnauthorized: false, maxVersion }, () => {
      resolve(socket.getProtocol() ?? '');
      socket.end();
    });
    socket.on('error', reject);
  });
}

describe('in-process TLS', () => {
  it('serves HTTPS with TLS 1.3 and refuses TLS 1.2', async () => {
    const { cert, key } = selfSignedCertificate();
    const api = await startApi({ TLS_CERT_FILE: cert, TLS_KEY_FILE: key });
    running.push(api);
    const port = Number(new URL(api.url).port);
    expect(await tlsHandshake(port, 'TLSv1.3')).toBe('TLSv1.3');
    await expect(tlsHandshake(port, 'TLSv1.2')).rejects.toThrow();
    const status = await new Promise<number>((resolve, reject) => {
      request({ host: '127.0.0.1', port, path: '/health/live', rejectUnauthorized: false }, (res) =>
        resolve(res.statusCode!),
      )
        .on('error', reject)
        .end();
    });
    expect(status).toBe(200);
  });
});

describe('signing-key rotation', () => {
  it('signs with the new key after rotation while tokens signed before still verify', async () => {
    const before = await startApi();
    running.push(before);
    const tenant = await newTenant(before);
    const integrator = await newClient(before, tenant, ['users:read']);
    const oldToken = await clientToken(before, integrator, ['users:read']);
    const oldKid = JSON.parse(Buffer.from(oldToken.split('.')[0], 'base64url').toString()).kid as string;
    const rotation = await before.app.get(SigningKeysService).rotate();
    expect(rotation.retired).toContain(oldKid);
    await before.close();
    running.pop();

    const after = await startApi({ PORT: new URL(before.url).port });
    running.push(after);
    const jwks = (await (await fetch(`${after.url}/oauth/jwks`)).json()) as {
      keys: { kid: string; d?: string }[];
    };
    expect(jwks.keys.map((k) => k.kid)).toEqual(expect.arrayContaining([oldKid, ...rotation.active]));
    expect(jwks.keys.every((k) => k.d === undefined)).toBe(true);
    const newToken = await clientToken(after, integrator, ['users:read']);
    const newKid = JSON.parse(Buffer.from(newToken.split('.')[0], 'base64url').toString()).kid as string;
    expect(rotation.active).toContain(newKid);
    expect(newKid).not.toBe(oldKid);
    expect((await call(after, 'GET', '/api/v1/users/me', { token: oldToken })).status).toBe(200);
    expect((await call(after, 'GET', '/api/v1/users/me', { token: newToken })).status).toBe(200);
  });
});

describe('several services in one process', () => {
  it('keep their own token validation (no process-global passport strategy)', async () => {
    const first = await startApi();
    running.push(first);
    const second = await startApi();
    running.push(second);
    const tenant = await newTenant(first);
    const integrator = await newClient(first, tenant, ['users:read']);
    const fromFirst = await clientToken(first, integrator, ['users:read']);
    const fromSecond = await clientToken(second, integrator, ['users:read']);
    expect((await call(first, 'GET', '/api/v1/users/me', { token: fromFirst })).status).toBe(200);
    expect((await call(second, 'GET', '/api/v1/users/me', { token: fromSecond })).status).toBe(200);
    // Different issuers (each API is its own issuer URL): a token is accepted only where it was issued.
    expect((await call(first, 'GET', '/api/v1/users/me', { token: fromSecond })).status).toBe(401);
  });
});
