import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { WebSocket } from 'ws';
import { LocalKeyEncryption } from '@oversing/platform';
import { signHttpRequest } from '@oversing/pusher';
import { freePort } from '@oversing/testing';
import { migrateAll } from '../tools/migrate';
import { waitForHttp } from './support/load';
import { startProcess } from './support/processes';

/**
 * Realtime: idle connections held on one node and memory per connection, then broadcast fan-out latency
 * (publish through the signed Pusher HTTP API → Redis bus → every subscriber) to 1,000 subscribers,
 * each against a bare `ws` broadcast server measured in the same run. Both servers run as their own
 * processes on loopback; the clients run here. Loops are bounded by counts and timeouts.
 */
const SERVER = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
const IDLE = Number(process.env.BENCH_RT_IDLE ?? 5000);
const FANOUT = Number(process.env.BENCH_RT_FANOUT ?? 1000);
const ROUNDS = Number(process.env.BENCH_RT_ROUNDS ?? 50);
const KEK = randomBytes(32);

function rssKb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface Target {
  name: string;
  url: string;
  /** resolves once a socket is ready to receive broadcasts */
  ready(ws: WebSocket): Promise<void>;
  publish(payload: string): Promise<void>;
}

/** Opens `count` sockets in batches; each receives `onMessage` for every frame. */
async function openSockets(
  target: Target,
  count: number,
  onMessage: (data: string) => void,
): Promise<WebSocket[]> {
  const sockets: WebSocket[] = [];
  for (let i = 0; i < count; i += 200) {
    const batch = Array.from({ length: Math.min(200, count - i) }, async () => {
      const ws = new WebSocket(target.url);
      ws.on('error', () => undefined);
      const ready = target.ready(ws);
      ws.on('message', (data) => onMessage(data.toString()));
      await ready;
      sockets.push(ws);
    });
    await Promise.all(batch);
  }
  return sockets;
}

async function closeAll(sockets: WebSocket[]): Promise<void> {
  for (const ws of sockets) ws.terminate();
  await sleep(500);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function idle(target: Target, pid: number): Promise<{ held: number; kbPerConnection: number }> {
  const before = rssKb(pid);
  const sockets = await openSockets(target, IDLE, () => undefined);
  await sleep(1000);
  const held = sockets.filter((s) => s.readyState === WebSocket.OPEN).length;
  const after = rssKb(pid);
  await closeAll(sockets);
  return { held, kbPerConnection: (after - before) / Math.max(1, held) };
}

async function fanout(
  target: Target,
): Promise<{ p50: number; p99: number; delivered: number; expected: number }> {
  const latencies: number[] = [];
  let pending = 0;
  let wake: (() => void) | undefined;
  const sockets = await openSockets(target, FANOUT, (data) => {
    const match = /"sent":(\d+(?:\.\d+)?)/.exec(data.replace(/\\"/g, '"'));
    if (!match) return;
    latencies.push(performance.now() - Number(match[1]));
    if (--pending === 0) wake?.();
  });
  for (let round = 0; round < ROUNDS; round++) {
    pending = sockets.length;
    const done = new Promise<void>((resolve) => (wake = resolve));
    await target.publish(JSON.stringify({ sent: performance.now(), round }));
    await Promise.race([done, sleep(5000)]);
  }
  await closeAll(sockets);
  latencies.sort((a, b) => a - b);
  return {
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    delivered: latencies.length,
    expected: ROUNDS * FANOUT,
  };
}

async function main(): Promise<void> {
  const databaseUrl = `${SERVER}/oversing_bench_rt_${Date.now().toString(36)}`;
  await migrateAll({ ...process.env, DATABASE_URL: databaseUrl });
  const app = { id: 'bench', key: 'bench-key', secret: randomBytes(16).toString('hex') };
  const pg = new Client({ connectionString: databaseUrl });
  await pg.connect();
  await pg.query(
    `INSERT INTO realtime_apps (id, key, secret_encrypted, allowed_origins, allow_no_origin) VALUES ($1, $2, $3, '{}', true)`,
    [
      app.id,
      app.key,
      await new LocalKeyEncryption(KEK).encrypt(Buffer.from(app.secret), `realtime_app:${app.id}`),
    ],
  );
  await pg.end();

  const rtPort = await freePort();
  const barePort = await freePort();
  const realtime = startProcess(join('dist', 'apps', 'realtime', 'src', 'main.js'), {
    DATABASE_URL: databaseUrl,
    PORT: String(rtPort),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    KEY_ENCRYPTION_KEY: KEK.toString('base64'),
    REDIS_PREFIX: `rt-bench-${Date.now().toString(36)}:`,
  });
  const bare = startProcess(join('dist', 'bench', 'support', 'bare-ws-server.js'), {
    PORT: String(barePort),
  });
  try {
    await waitForHttp(`http://127.0.0.1:${rtPort}/health/ready`);
    await waitForHttp(`http://127.0.0.1:${barePort}/health`);

    const ours: Target = {
      name: 'realtime (Pusher protocol, Redis bus)',
      url: `ws://127.0.0.1:${rtPort}/app/${app.key}?protocol=7&client=bench&version=1`,
      ready: (ws) =>
        new Promise((resolve) => {
          const onMessage = (data: Buffer): void => {
            const text = data.toString();
            if (text.includes('pusher:connection_established')) {
              ws.send(JSON.stringify({ event: 'pusher:subscribe', data: { channel: 'bench' } }));
            } else if (text.includes('pusher_internal:subscription_succeeded')) {
              ws.off('message', onMessage);
              resolve();
            }
          };
          ws.on('message', onMessage);
        }),
      publish: async (payload) => {
        const path = `/apps/${app.id}/events`;
        const body = JSON.stringify({ name: 'tick', channels: ['bench'], data: payload });
        const query = signHttpRequest({ key: app.key, secret: app.secret, method: 'POST', path, body });
        const response = await fetch(
          `http://127.0.0.1:${rtPort}${path}?${new URLSearchParams(query).toString()}`,
          {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body,
          },
        );
        if (!response.ok) throw new Error(`publish failed: ${response.status}`);
      },
    };
    const baseline: Target = {
      name: 'bare ws broadcast',
      url: `ws://127.0.0.1:${barePort}/`,
      ready: (ws) => new Promise((resolve) => ws.once('open', () => resolve())),
      publish: async (payload) => {
        await fetch(`http://127.0.0.1:${barePort}/broadcast`, { method: 'POST', body: payload });
      },
    };

    process.stdout.write(
      `## realtime: ${IDLE} idle connections, fan-out to ${FANOUT} subscribers × ${ROUNDS} rounds\n`,
    );
    const idleOurs = await idle(ours, realtime.pid!);
    const idleBare = await idle(baseline, bare.pid!);
    process.stdout.write(
      `idle connections held   ours ${idleOurs.held}/${IDLE} at ${idleOurs.kbPerConnection.toFixed(1)} KiB RSS each; ` +
        `bare ws ${idleBare.held}/${IDLE} at ${idleBare.kbPerConnection.toFixed(1)} KiB each ` +
        `(ratio ${(idleOurs.kbPerConnection / idleBare.kbPerConnection).toFixed(2)}×)\n`,
    );
    const fanOurs = await fanout(ours);
    const fanBare = await fanout(baseline);
    const row = (name: string, r: typeof fanOurs): string =>
      `${name.padEnd(40)} p50 ${r.p50.toFixed(2)} ms   p99 ${r.p99.toFixed(2)} ms   (${r.delivered}/${r.expected} delivered)\n`;
    process.stdout.write(row(ours.name, fanOurs));
    process.stdout.write(row(baseline.name, fanBare));
    process.stdout.write(
      `ratios: fan-out p50 ${(fanOurs.p50 / fanBare.p50).toFixed(2)}×, p99 ${(fanOurs.p99 / fanBare.p99).toFixed(2)}× the bare ws server\n`,
    );
  } finally {
    realtime.kill('SIGTERM');
    bare.kill('SIGTERM');
    await sleep(500);
    const admin = new Client({ connectionString: `${SERVER}/postgres` });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${new URL(databaseUrl).pathname.slice(1)}" WITH (FORCE)`);
    await admin.end();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
