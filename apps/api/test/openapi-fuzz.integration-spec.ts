/* eslint-disable @nx/enforce-module-boundaries --
 * Integration test only: it boots the certification service next to the API to fuzz both documents.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@oversing/testing';
import { OAuthClientRepository, RESOURCE_SCOPES } from '../src/oauth/oauth-client.repository';
import {
  certificationClientToken,
  RunningCertification,
  startCertification,
} from '../../certification/test/support/certification-harness';
import {
  call,
  clientToken,
  newClient,
  newTenant,
  newUser,
  RunningApi,
  startApi,
} from './support/api-harness';
import { exchangeCode, signInWithPkce, WEB_REDIRECT_URI } from './support/oauth-flows';
import { FuzzCase, fuzzCases, FuzzFailure, operationsOf, sendCase } from './support/openapi-fuzz';

/**
 * Property: for every operation of both committed OpenAPI documents, no malformed request gets a 5xx and
 * every error is in the SYSTEM.md envelope. Real PostgreSQL and Redis; bounded by a fixed number of cases.
 */
const CASES = { api: 900, certification: 300 };
const CONCURRENCY = 4;
const root = join(__dirname, '..', '..', '..');
const documentOf = (name: string): any =>
  JSON.parse(readFileSync(join(root, 'docs', 'openapi', `${name}.json`), 'utf8'));

let api: RunningApi;
let cert: RunningCertification;
let apiTokens: string[];
let certToken: string;
let validIds: string[];

beforeAll(async () => {
  // the API's certification module calls the service on the caller's behalf: it must be reachable
  const certPort = await freePort();
  api = await startApi({ CERTIFICATION_URL: `http://127.0.0.1:${certPort}` });
  cert = await startCertification(api, { PORT: String(certPort) });
  const tenant = await newTenant(api);
  const admin = await newUser(api, tenant, ['admin']);
  const member = await newUser(api, tenant, ['member']);
  const clientAll = await clientToken(api, await newClient(api, tenant, RESOURCE_SCOPES), RESOURCE_SCOPES);
  await api.app
    .get(OAuthClientRepository)
    .upsertPublicWebClient('oversing-web', [WEB_REDIRECT_URI], ['http://127.0.0.1:4173/']);
  const user = (await exchangeCode(await signInWithPkce(api, admin, `openid ${RESOURCE_SCOPES.join(' ')}`)))
    .access_token;
  apiTokens = [clientAll, user];
  certToken = await certificationClientToken(api, tenant, [
    'certifications:read',
    'certifications:write',
    'audit:read',
    'audit:write',
  ]);
  const program = await call(api, 'POST', '/api/v1/programs', { token: clientAll, body: { name: 'Fuzzed' } });
  const task = await call(api, 'POST', '/api/v1/tasks', {
    token: clientAll,
    body: { program_id: program.body.data.id, title: 'Fuzzed' },
  });
  validIds = [program.body.data.id, task.body.data.id, member.id];
}, 120_000);
afterAll(async () => {
  await cert?.close();
  await api?.close();
});

/** Runs the cases a few at a time and collects every failure (not only the first), to report them all. */
async function run(baseUrl: string, tokens: string[], cases: FuzzCase[]): Promise<FuzzFailure[]> {
  const failures: FuzzFailure[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < cases.length) {
      const index = next++;
      const failure = await sendCase(baseUrl, tokens[index % tokens.length], cases[index]);
      if (failure) failures.push(failure);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return failures;
}

function casesFor(name: 'api' | 'certification'): FuzzCase[] {
  const document = documentOf(name);
  const operations = operationsOf(document);
  const arbitrary = fc
    .constantFrom(...operations)
    .chain((operation) => fuzzCases(document, operation, validIds));
  // every operation at least twice, then random ones
  const perOperation = operations.flatMap((operation) =>
    fc.sample(fuzzCases(document, operation, validIds), 2),
  );
  return [...perOperation, ...fc.sample(arbitrary, Math.max(0, CASES[name] - perOperation.length))];
}

describe('certification service cursors', () => {
  it('answers a cursor that decodes to the wrong JSON shape with a 422 naming the cursor', async () => {
    for (const path of ['/api/v1/audit-events', '/api/v1/certifications']) {
      for (const cursor of ['eyJhIjoxfQ', 'WzEsMl0', 'bnVsbA', '%00']) {
        const response = await call({ url: cert.url } as RunningApi, 'GET', `${path}?cursor=${cursor}`, {
          token: certToken,
        });
        expect(response.status, `${path} ${cursor} ${JSON.stringify(response.body)}`).toBeLessThan(500);
        expect(response.body.error.details[0].field).toBe('cursor');
      }
    }
  });
});

describe('malformed input over every OpenAPI operation', () => {
  it('never answers 5xx nor an error outside the envelope (API)', async () => {
    const cases = casesFor('api');
    const failures = await run(api.url, apiTokens, cases);
    console.info(`openapi fuzz: api ${cases.length} cases, ${failures.length} failures`);
    expect(failures).toEqual([]);
  }, 120_000);

  it('never answers 5xx nor an error outside the envelope (certification service)', async () => {
    const cases = casesFor('certification');
    const failures = await run(cert.url, [certToken], cases);
    console.info(`openapi fuzz: certification ${cases.length} cases, ${failures.length} failures`);
    expect(failures).toEqual([]);
  }, 120_000);
});
