import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '@oversing/platform';
import { verifyHttpRequest } from '@oversing/pusher';
import { freePort } from '@oversing/testing';
import { certificationConfigSchema } from '../src/certification.config';
import { StatusPublisher } from '../src/events/status-publisher';
import {
  callCert,
  certificationClientToken,
  certificationUserToken,
  newPolicy,
  newTenant,
  newUser,
  RunningApi,
  RunningCertification,
  startApi,
  startCertification,
  TestTenant,
} from './support/certification-harness';

const APP = { id: '4242', key: 'status-key', secret: 'status-secret' };

interface Received {
  verified: boolean;
  name: string;
  channels: string[];
  data: Record<string, unknown>;
}

let api: RunningApi;
let cert: RunningCertification;
let unreachable: RunningCertification;
let tenant: TestTenant;
let writer: string;
let receiver: Server;
const received: Received[] = [];

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    request.on('data', (c: Buffer) => (body += c.toString()));
    request.on('end', () => resolve(body));
  });
}

beforeAll(async () => {
  // A loopback Pusher HTTP API endpoint that checks every request's signature with libs/pusher.
  receiver = createServer((request, response) => {
    void readBody(request).then((body) => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const check = verifyHttpRequest({
        secret: APP.secret,
        method: request.method ?? 'GET',
        path: url.pathname,
        params: Object.fromEntries(url.searchParams),
        rawBody: body,
      });
      const parsed = JSON.parse(body) as { name: string; channels: string[]; data: string };
      received.push({
        verified:
          check.ok &&
          url.pathname === `/apps/${APP.id}/events` &&
          url.searchParams.get('auth_key') === APP.key,
        name: parsed.name,
        channels: parsed.channels,
        data: JSON.parse(parsed.data) as Record<string, unknown>,
      });
      response.writeHead(check.ok ? 200 : 401, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const port = (receiver.address() as AddressInfo).port;
  api = await startApi();
  cert = await startCertification(api, {
    REALTIME_URL: `http://127.0.0.1:${port}`,
    REALTIME_APP_ID: APP.id,
    REALTIME_APP_KEY: APP.key,
    REALTIME_APP_SECRET: APP.secret,
  });
  unreachable = await startCertification(api, {
    REALTIME_URL: `http://127.0.0.1:${await freePort()}`,
    REALTIME_APP_ID: APP.id,
    REALTIME_APP_KEY: APP.key,
    REALTIME_APP_SECRET: APP.secret,
  });
  tenant = await newTenant(api);
  writer = await certificationClientToken(api, tenant, ['certifications:read', 'certifications:write']);
  await newPolicy(cert, tenant, { key: 'p', name: 'P', rules: { allowed_providers: ['openai'] } });
});

afterAll(async () => {
  await cert?.close();
  await unreachable?.close();
  await api?.close();
  await new Promise((resolve) => receiver?.close(resolve));
});

const body = { input: {}, output: 'An answer', provider: 'openai', model: 'gpt-4o', policy_key: 'p' };

describe('certification status events', () => {
  it('publishes certification.status_changed on private-certification.{id}, signed, after each change', async () => {
    const created = await callCert(cert, 'POST', '/api/v1/certifications', { token: writer, body });
    expect(created.status).toBe(201);
    const id = created.body.data.id as string;
    const officer = await certificationUserToken(api, await newUser(api, tenant, ['compliance_officer']));
    const revoked = await callCert(cert, 'POST', `/api/v1/certifications/${id}/revoke`, {
      token: officer,
      body: { reason: 'withdrawn' },
    });
    expect(revoked.status).toBe(200);
    await cert.app.get(StatusPublisher).flush();
    const mine = received.filter((r) => r.data.id === id);
    expect(mine.map((r) => r.data.status)).toEqual(['certified', 'revoked']);
    for (const r of mine) {
      expect(r.verified).toBe(true);
      expect(r.name).toBe('certification.status_changed');
      expect(r.channels).toEqual([`private-certification.${id}`]);
      expect(r.data.number).toBe(created.body.data.number);
      expect(Number.isNaN(Date.parse(String(r.data.at)))).toBe(false);
    }
  });

  it('a realtime server that cannot be reached never fails a certification', async () => {
    const before = received.length;
    const created = await callCert(unreachable, 'POST', '/api/v1/certifications', { token: writer, body });
    expect(created.status).toBe(201);
    expect(created.body.data.status).toBe('certified');
    await unreachable.app.get(StatusPublisher).flush();
    expect(received.length).toBe(before);
  });

  it('REALTIME_* variables are all or none', () => {
    expect(() =>
      parseConfig(certificationConfigSchema, { REALTIME_URL: 'http://127.0.0.1:6001', LOG_LEVEL: 'silent' }),
    ).toThrow(/REALTIME_APP_SECRET/);
  });
});
