import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from './content-security-policy';
import { createWebServer } from './main';

const directives = (policy: string): Map<string, string[]> =>
  new Map(
    policy.split('; ').map((d) => {
      const [name, ...values] = d.split(' ');
      return [name, values];
    }),
  );

describe('the PWA Content-Security-Policy', () => {
  it('allows scripts only from itself and connections only to the services the app talks to', () => {
    const policy = directives(
      contentSecurityPolicy({
        apiUrl: 'https://app.example.com/',
        certificationUrl: 'https://certification.example.com',
        realtime: { host: 'ws.example.com', port: 443, scheme: 'wss' },
      }),
    );
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('connect-src')).toEqual([
      "'self'",
      'https://app.example.com',
      'https://certification.example.com',
      'wss://ws.example.com',
      'https://ws.example.com',
    ]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('worker-src')).toEqual(["'self'"]);
  });

  it('keeps a non-default realtime port (npm start: ws://localhost:6001)', () => {
    const policy = directives(
      contentSecurityPolicy({
        apiUrl: 'http://localhost:3000',
        realtime: { host: 'localhost', port: 6001, scheme: 'ws' },
      }),
    );
    expect(policy.get('connect-src')).toEqual([
      "'self'",
      'http://localhost:3000',
      'ws://localhost:6001',
      'http://localhost:6001',
    ]);
  });

  it('is sent with the page, the service worker and the SPA fallback', async () => {
    const root = mkdtempSync(join(tmpdir(), 'web-root-'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>x</title>');
    writeFileSync(join(root, 'sw.js'), 'self.addEventListener("fetch", () => {});');
    const app = await createWebServer({ root, apiUrl: 'http://localhost:3000', logLevel: 'silent' });
    try {
      for (const url of ['/', '/sw.js', '/programs/123']) {
        const res = await app.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBe(200);
        expect(res.headers['content-security-policy'], url).toContain("script-src 'self'");
      }
    } finally {
      await app.close();
    }
  });
});
