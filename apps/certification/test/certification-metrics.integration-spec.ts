import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callCert,
  certificationClientToken,
  newPolicy,
  newTenant,
  RunningApi,
  RunningCertification,
  startApi,
  startCertification,
} from './support/certification-harness';

let api: RunningApi;
let cert: RunningCertification;
let writer: string;

beforeAll(async () => {
  api = await startApi();
  cert = await startCertification(api);
  const tenant = await newTenant(api);
  writer = await certificationClientToken(api, tenant, ['certifications:read', 'certifications:write']);
  await newPolicy(cert, tenant, {
    key: 'metrics',
    name: 'Metrics',
    rules: { forbidden_patterns: [{ name: 'secret', pattern: 'TOP SECRET' }] },
    thresholds: { review_above: 0.5 },
  });
});

afterAll(async () => {
  await cert?.close();
  await api?.close();
});

async function scrape(): Promise<string> {
  return (await fetch(`${cert.url}/metrics`)).text();
}

function value(text: string, series: RegExp): number {
  const match = new RegExp(`^${series.source} (\\S+)$`, 'm').exec(text);
  return match ? Number(match[1]) : 0;
}

const certify = (output: string) =>
  callCert(cert, 'POST', '/api/v1/certifications', {
    token: writer,
    body: { input: { prompt: 'p' }, output, provider: 'openai', model: 'gpt-4o', policy_key: 'metrics' },
  });

describe('certification service /metrics', () => {
  it('counts issued certifications by decision, and exposes HTTP durations and the audit database pool', async () => {
    const before = await scrape();
    const certifiedBefore = value(before, /certifications_issued_total\{decision="certified"\}/);
    const rejectedBefore = value(before, /certifications_issued_total\{decision="rejected"\}/);

    expect((await certify('All fine.')).body.data.status).toBe('certified');
    expect((await certify('Also fine.')).body.data.status).toBe('certified');
    expect((await certify('This is TOP SECRET.')).body.data.status).toBe('rejected');

    const after = await scrape();
    expect(value(after, /certifications_issued_total\{decision="certified"\}/)).toBe(certifiedBefore + 2);
    expect(value(after, /certifications_issued_total\{decision="rejected"\}/)).toBe(rejectedBefore + 1);
    expect(after).toMatch(
      /http_request_duration_seconds_count\{app="certification",method="POST",route="\/api\/v1\/certifications",status_code="201"\} [1-9]/,
    );
    expect(
      value(after, /oversing_db_pool_connections\{app="certification",state="total"\}/),
    ).toBeGreaterThanOrEqual(1);
    expect(after).toMatch(/oversing_db_pool_connections\{app="certification",state="idle"\} \d+/);
  });
});
