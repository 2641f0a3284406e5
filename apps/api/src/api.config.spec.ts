import { describe, expect, it } from 'vitest';
import { apiConfigSchema, DEMO_REALTIME_APP_SECRET } from './api.config';

const production = {
  NODE_ENV: 'production',
  KEY_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
  COOKIE_SECRET: 'a-cookie-secret-of-production-length',
  VAPID_SUBJECT: 'mailto:ops@example.test',
};

const issuesOf = (env: Record<string, string>): string[] => {
  const result = apiConfigSchema.safeParse(env);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('the API configuration in production', () => {
  it('refuses to boot with the public demo realtime secret, explicit or defaulted', () => {
    for (const env of [production, { ...production, REALTIME_APP_SECRET: DEMO_REALTIME_APP_SECRET }]) {
      expect(issuesOf(env)).toContain(
        'REALTIME_APP_SECRET: must be set in production (the default is the public demo secret)',
      );
    }
    const own = issuesOf({ ...production, REALTIME_APP_SECRET: 'a-secret-of-our-own' });
    expect(own.filter((i) => i.startsWith('REALTIME_APP_SECRET'))).toEqual([]);
  });

  it('refuses to boot without the client it calls the certification service with', () => {
    expect(issuesOf(production)).toEqual(
      expect.arrayContaining([
        'CERTIFICATION_CLIENT_ID: is required in production (the API calls the certification service with it)',
        'CERTIFICATION_CLIENT_SECRET: is required in production (the API calls the certification service with it)',
      ]),
    );
    const configured = issuesOf({
      ...production,
      CERTIFICATION_CLIENT_ID: 'oversing-api',
      CERTIFICATION_CLIENT_SECRET: 'a-client-secret',
    });
    expect(configured.filter((i) => i.startsWith('CERTIFICATION_'))).toEqual([]);
  });

  it('keeps the demo secret outside production', () => {
    expect(issuesOf({ NODE_ENV: 'development' }).filter((i) => i.startsWith('REALTIME'))).toEqual([]);
  });
});
