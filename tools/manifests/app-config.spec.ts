/**
 * Each Deployment's environment, as the prod and dev overlays render it, boots its process: the variables
 * from the ConfigMaps it loads and from its `env` (secret references filled with values of the right
 * shape) pass the app's own configuration schema, production rules included. A variable the app needs in
 * production that the manifests forget (as REALTIME_APP_SECRET, REALTIME_URL and the API's certification
 * client once were) fails here instead of in a crash-looping pod; so does a public service's address left
 * at its localhost default.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { apiConfigSchema } from '../../apps/api/src/api.config';
import { certificationConfigSchema } from '../../apps/certification/src/certification.config';
import { realtimeConfigSchema } from '../../apps/realtime/src/realtime.config';
import { workerConfigSchema } from '../../apps/worker/src/worker.config';
import { get } from './checks';
import { K8sObject, renderKustomization } from './render';
import { K8S_DIR } from './paths';

const SCHEMAS: Record<string, z.ZodTypeAny> = {
  api: apiConfigSchema,
  certification: certificationConfigSchema,
  realtime: realtimeConfigSchema,
  worker: workerConfigSchema,
};

/** Where each process must reach the others inside the cluster (never its localhost default). */
const IN_CLUSTER: Record<string, Record<string, RegExp>> = {
  api: { REALTIME_URL: /^http:\/\/realtime:6001\b/, CERTIFICATION_URL: /^http:\/\/certification:3100\b/ },
  certification: { JWKS_URL: /^http:\/\/api:3000\//, WITNESS_URLS: /^http:\/\/api:3000\// },
  worker: { CERTIFICATION_URL: /^http:\/\/certification:3100\b/, OAUTH_TOKEN_URL: /^http:\/\/api:3000\// },
};

const vapid = (() => {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const pub = publicKey.export({ format: 'jwk' });
  const priv = privateKey.export({ format: 'jwk' });
  const point = Buffer.concat([
    Buffer.from([4]),
    Buffer.from(String(pub.x), 'base64url'),
    Buffer.from(String(pub.y), 'base64url'),
  ]);
  return { public: point.toString('base64url'), private: String(priv.d) };
})();

/** A value of the right shape for a secret the manifests reference (the secret store holds the real one). */
function sampleSecret(key: string): string {
  if (key.endsWith('DATABASE_URL')) return 'postgres://user:password@db-rw:5432/db';
  if (key === 'REDIS_URL') return 'redis://:password@oversing-redis:6379';
  if (key === 'SMTP_URL') return 'smtps://user:password@relay.example:465';
  if (key === 'KEY_ENCRYPTION_KEY') return randomBytes(32).toString('base64');
  if (key === 'VAPID_PUBLIC_KEY') return vapid.public;
  if (key === 'VAPID_PRIVATE_KEY') return vapid.private;
  return randomBytes(24).toString('base64url');
}

/** The environment a container starts with: its ConfigMaps (envFrom), then its env entries. */
function environmentOf(objects: K8sObject[], deployment: K8sObject): Record<string, string> {
  const container = get(deployment, 'spec.template.spec.containers.0');
  const env: Record<string, string> = {};
  for (const source of (get(container, 'envFrom') as unknown[] | undefined) ?? []) {
    const name = get(source, 'configMapRef.name');
    if (name === undefined) continue;
    const map = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === name);
    expect(map, `ConfigMap ${String(name)}`).toBeDefined();
    Object.assign(env, get(map, 'data') as Record<string, string>);
  }
  for (const entry of (get(container, 'env') as unknown[] | undefined) ?? []) {
    const name = String(get(entry, 'name'));
    const value = get(entry, 'value');
    const secretKey = get(entry, 'valueFrom.secretKeyRef.key');
    if (value !== undefined) env[name] = String(value);
    else if (secretKey !== undefined) env[name] = sampleSecret(String(secretKey));
  }
  return env;
}

describe.each(['prod', 'dev'])(
  'k8s/overlays/%s: every process boots with the environment it is given',
  (overlay) => {
    const objects = renderKustomization(join(K8S_DIR, 'overlays', overlay));

    it.each(Object.keys(SCHEMAS))('%s', (app) => {
      const deployment = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === app);
      expect(deployment, `Deployment ${app}`).toBeDefined();
      const env = environmentOf(objects, deployment!);
      expect(env.NODE_ENV).toBe('production');
      const result = SCHEMAS[app].safeParse(env);
      const issues = result.success
        ? []
        : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
      expect(issues).toEqual([]);
      for (const [name, pattern] of Object.entries(IN_CLUSTER[app] ?? {})) {
        expect(env[name], `${app} ${name}`).toMatch(pattern);
      }
    });
  },
);
