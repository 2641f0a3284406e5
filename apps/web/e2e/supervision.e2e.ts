import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

/**
 * `npm start` supervises what it starts: a process killed with SIGKILL comes back within 10 s, the others
 * (the API above all) keep answering meanwhile, and nothing accepted while it was down is lost.
 */
const apiUrl = inject('apiUrl');
const health = inject('healthUrls');
const logDir = inject('logDir');
let db: Client;
let token: string;

function pidOf(name: string): number {
  return Number(readFileSync(resolve(logDir, `${name}.pid`), 'utf8').trim());
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
}

/** Polls the API's readiness every 100 ms until stopped; returns how many polls failed. */
function watchApi(): { stop: () => Promise<{ polls: number; failures: number }> } {
  let running = true;
  let polls = 0;
  let failures = 0;
  const loop = (async () => {
    while (running) {
      polls++;
      if (!(await answers(health.api!))) failures++;
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return { polls, failures };
    },
  };
}

/** SIGKILLs a supervised process and waits for its successor to answer; returns the seconds it took. */
async function killAndAwaitRestart(name: string): Promise<number> {
  const before = pidOf(name);
  process.kill(before, 'SIGKILL');
  const killedAt = Date.now();
  const deadline = killedAt + 10_000;
  while (Date.now() < deadline) {
    let current = before;
    try {
      current = pidOf(name);
    } catch {
      // being rewritten
    }
    if (current !== before && (await answers(health[name]!))) return (Date.now() - killedAt) / 1000;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${name} did not come back within 10 s of SIGKILL`);
}

async function createTask(title: string): Promise<string> {
  const programs = await fetch(`${apiUrl}/api/v1/programs?limit=1`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const programId = ((await programs.json()) as { data: Array<{ id: string }> }).data[0]!.id;
  const response = await fetch(`${apiUrl}/api/v1/tasks`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ program_id: programId, title }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { data: { id: string } }).data.id;
}

async function undelivered(entityId: string): Promise<number> {
  const { rows } = await db.query(
    'SELECT count(*)::int AS n FROM audit_outbox WHERE entity_id = $1 AND delivered_at IS NULL',
    [entityId],
  );
  return rows[0].n as number;
}

beforeAll(async () => {
  db = new Client({ connectionString: inject('databaseUrl') });
  await db.connect();
  const { clientId, clientSecret } = inject('integrator');
  const response = await fetch(`${apiUrl}/oauth/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
    },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      scope: 'tasks:read tasks:write programs:read',
    }),
  });
  token = ((await response.json()) as { access_token: string }).access_token;
});
afterAll(async () => db?.end());

describe('npm start supervises every process', () => {
  it('restarts a killed worker within 10 s while the API keeps answering, and the audit outbox drains', async () => {
    const api = watchApi();
    const seconds = await killAndAwaitRestart('worker');
    // written while the worker was away or just back: the relay delivers it
    const taskId = await createTask(`Supervised ${Date.now().toString(36)}`);
    const { polls, failures } = await api.stop();
    expect(seconds).toBeLessThan(10);
    expect(polls).toBeGreaterThan(5);
    expect(failures).toBe(0);
    await expect.poll(() => undelivered(taskId), { timeout: 15_000, interval: 250 }).toBe(0);
  });

  it('restarts a killed certification service within 10 s while the API keeps answering', async () => {
    const api = watchApi();
    const seconds = await killAndAwaitRestart('certification');
    const { failures } = await api.stop();
    expect(seconds).toBeLessThan(10);
    expect(failures).toBe(0);
    // the restarted service is the one the system uses: its checkpoint answers through the same URL
    expect(await answers(`${inject('certificationUrl')}/api/v1/log/checkpoint`)).toBe(true);
  });
});
