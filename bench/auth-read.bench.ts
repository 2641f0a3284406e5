import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import * as client from 'openid-client';
import { freePort } from '@oversing/testing';
import { migrateAll } from '../tools/migrate';
import { autocannon, formatRow, waitForHttp } from './support/load';
import { startProcess } from './support/processes';

/**
 * Authenticated read: `GET /api/v1/users/me` with a user's JWT (validation against the JWKS, Redis
 * revocation check, one indexed query, the envelope) versus bare Fastify + pg doing the same query.
 * Both servers run as their own processes; autocannon runs in a third.
 */
const SERVER = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

async function userAccessToken(apiUrl: string, email: string, password: string): Promise<string> {
  const config = await client.discovery(
    new URL(apiUrl),
    'oversing-web',
    { token_endpoint_auth_method: 'none' },
    client.None(),
    {
      execute: [client.allowInsecureRequests],
    },
  );
  const verifier = client.randomPKCECodeVerifier();
  const redirect = 'http://127.0.0.1:4173/auth/callback';
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirect,
    scope: 'openid users:read',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  });
  const cookies = new Map<string, string>();
  const go = async (target: string, form?: Record<string, string>): Promise<Response> => {
    const response = await fetch(target, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: form ? new URLSearchParams(form) : undefined,
    });
    for (const c of response.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      cookies.set(pair.slice(0, i), pair.slice(i + 1));
    }
    return response;
  };
  let response = await go(url.toString());
  let current = url.toString();
  while (response.status >= 300 && response.status < 400) {
    current = new URL(response.headers.get('location')!, current).toString();
    response = await go(current);
  }
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await response.text())![1];
  response = await go(`${current}/login`, { _csrf: csrf, email, password });
  current = new URL(response.headers.get('location')!, current).toString();
  while (!current.startsWith(redirect)) {
    response = await go(current);
    current = new URL(response.headers.get('location')!, current).toString();
  }
  const tokens = await client.authorizationCodeGrant(config, new URL(current), {
    pkceCodeVerifier: verifier,
  });
  return tokens.access_token;
}

async function main(): Promise<void> {
  const databaseUrl = `${SERVER}/oversing_bench_${Date.now().toString(36)}`;
  await migrateAll({ ...process.env, DATABASE_URL: databaseUrl });
  const apiPort = await freePort();
  const barePort = await freePort();
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const env = {
    DATABASE_URL: databaseUrl,
    PORT: String(apiPort),
    PUBLIC_API_URL: apiUrl,
    LOG_LEVEL: 'warn',
    DEMO_PASSWORD: 'bench-password-123',
  };
  const seed = spawn('node', ['dist/tools/cli.js', 'seed:demo'], {
    env: { ...process.env, ...env, PUBLIC_WEB_URL: 'http://127.0.0.1:4173' },
    stdio: 'ignore',
  });
  await new Promise((r) => seed.on('exit', r));

  const api = startProcess(join('dist', 'apps', 'api', 'src', 'main.js'), {
    ...env,
    PUBLIC_WEB_URL: 'http://127.0.0.1:4173',
  });
  const processes = [api];
  try {
    await waitForHttp(`${apiUrl}/health/ready`);
    const token = await userAccessToken(apiUrl, 'dev@demo.test', 'bench-password-123');
    const pg = new Client({ connectionString: databaseUrl });
    await pg.connect();
    const { rows } = await pg.query<{ id: string }>(`SELECT id FROM users WHERE email = 'dev@demo.test'`);
    await pg.end();
    const bare = startProcess(join('dist', 'bench', 'support', 'bare-user-server.js'), {
      DATABASE_URL: databaseUrl,
      PORT: String(barePort),
      BENCH_USER_ID: rows[0].id,
    });
    processes.push(bare);
    await waitForHttp(`http://127.0.0.1:${barePort}/health`);

    const headers = { authorization: `Bearer ${token}` };
    await autocannon(`${apiUrl}/api/v1/users/me`, { connections: CONNECTIONS, seconds: 2, headers }); // warm-up
    await autocannon(`http://127.0.0.1:${barePort}/me`, { connections: CONNECTIONS, seconds: 2 });
    const ours = await autocannon(`${apiUrl}/api/v1/users/me`, {
      connections: CONNECTIONS,
      seconds: SECONDS,
      headers,
    });
    const baseline = await autocannon(`http://127.0.0.1:${barePort}/me`, {
      connections: CONNECTIONS,
      seconds: SECONDS,
    });

    process.stdout.write(
      `\n## auth-read: authenticated GET /api/v1/users/me (${CONNECTIONS} connections, ${SECONDS} s, run ${randomUUID().slice(0, 8)})\n`,
    );
    process.stdout.write(`${formatRow('API (JWT + revocation + query)', ours)}\n`);
    process.stdout.write(`${formatRow('bare Fastify + pg (same query)', baseline)}\n`);
    process.stdout.write(
      `ratio: ${((ours.requestsPerSecond / baseline.requestsPerSecond) * 100).toFixed(0)}% of the baseline's throughput (aim ≥ 60%)\n`,
    );
    if (ours.non2xx || ours.errors)
      process.stdout.write(`warning: the API answered ${ours.non2xx} non-2xx and ${ours.errors} errors\n`);
  } finally {
    for (const p of processes) p.kill('SIGTERM');
    const admin = new Client({ connectionString: `${SERVER}/postgres` });
    await admin.connect();
    await new Promise((r) => setTimeout(r, 500));
    await admin.query(`DROP DATABASE IF EXISTS "${new URL(databaseUrl).pathname.slice(1)}" WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
