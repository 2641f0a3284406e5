import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NonPublicAddressError, OutboundFetch, outboundFailure } from './outbound-fetch';
import { isReachableAddress, parseAddressAllowlist } from './public-address';

describe('isReachableAddress', () => {
  it.each([
    '127.0.0.1',
    '10.0.0.1',
    '172.16.5.4',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '198.18.0.1',
    '192.0.2.1',
    '224.0.0.1',
    '255.255.255.255',
    '0.0.0.0',
    '240.0.0.1',
    '::1',
    '::',
    'fe80::1',
    'fd12::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:8.8.8.8',
    '::127.0.0.1',
    '64:ff9b::a00:1',
    '64:ff9b:1::1',
    '2002:7f00:1::1',
    '2001::1',
    '2001:db8::1',
    'not-an-address',
  ])('refuses %s', (address) => {
    expect(isReachableAddress(address)).toBe(false);
  });

  it.each(['8.8.8.8', '93.184.215.14', '2606:4700:4700::1111'])('allows the public %s', (address) => {
    expect(isReachableAddress(address)).toBe(true);
  });

  it('allows what an explicit allowlist names, and nothing next to it', () => {
    const allowlist = parseAddressAllowlist('127.0.0.1/32, 10.1.0.0/16, ::1');
    expect(isReachableAddress('127.0.0.1', allowlist)).toBe(true);
    expect(isReachableAddress('10.1.200.3', allowlist)).toBe(true);
    expect(isReachableAddress('::1', allowlist)).toBe(true);
    expect(isReachableAddress('127.0.0.2', allowlist)).toBe(false);
    expect(isReachableAddress('10.2.0.1', allowlist)).toBe(false);
    expect(() => parseAddressAllowlist('127.0.0.1/33')).toThrow();
    expect(() => parseAddressAllowlist('example.com')).toThrow();
  });
});

describe('OutboundFetch against real sockets on loopback', () => {
  const hits: string[] = [];
  let server: Server;
  let port: number;

  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(req.url ?? '');
      if (req.url === '/redirect') {
        res.writeHead(302, { location: `http://127.0.0.1:${port}/followed` }).end();
        return;
      }
      res.writeHead(200).end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('refuses a loopback literal before connecting', async () => {
    const outbound = new OutboundFetch();
    const before = hits.length;
    await expect(
      outbound.fetch(`http://127.0.0.1:${port}/literal`, { method: 'POST' }),
    ).rejects.toBeInstanceOf(NonPublicAddressError);
    expect(hits.length).toBe(before);
    await outbound.close();
  });

  it('refuses a name once it resolves to loopback, and says so', async () => {
    const outbound = new OutboundFetch();
    const before = hits.length;
    const error = await outbound.fetch(`http://localhost:${port}/name`, { method: 'POST' }).catch((e) => e);
    expect(outboundFailure(error)).toMatch(
      /^localhost resolves to (127\.0\.0\.1|::1), which is not a public address$/,
    );
    expect(hits.length).toBe(before);
    await outbound.close();
  });

  it('reaches an allowlisted address, and answers a redirect with the 3xx instead of following it', async () => {
    const outbound = new OutboundFetch(parseAddressAllowlist('127.0.0.1/32,::1/128'));
    const ok = await outbound.fetch(`http://localhost:${port}/allowed`, { method: 'POST', body: 'x' });
    expect(ok.status).toBe(200);
    await ok.body?.cancel();
    const redirected = await outbound.fetch(`http://127.0.0.1:${port}/redirect`, { method: 'POST' });
    expect(redirected.status).toBe(302);
    await redirected.body?.cancel();
    expect(hits).toContain('/allowed');
    expect(hits).toContain('/redirect');
    expect(hits).not.toContain('/followed');
    await outbound.close();
  });
});
