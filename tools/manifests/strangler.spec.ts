import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkIngressTls,
  checkResources,
  checkSecretReferences,
  checkSecurityContext,
  get,
  validateSchemas,
} from './checks';
import { K8S_DIR } from './paths';
import { K8sObject, renderKustomization } from './render';

const clusterIssuers = renderKustomization(join(K8S_DIR, 'cluster'))
  .filter((o) => o.kind === 'ClusterIssuer')
  .map((o) => o.metadata.name);
const objects = renderKustomization(join(K8S_DIR, 'migration/strangler'));
const HOST = 'app.oversing.example.com';

interface Route {
  path: string;
  service: string;
  canaryWeight: number | null;
}

function routesOf(ingresses: K8sObject[]): Route[] {
  return ingresses.flatMap((ingress) =>
    (get(ingress, 'spec.rules') as { host: string; http: { paths: unknown[] } }[])
      .filter((rule) => rule.host === HOST)
      .flatMap((rule) =>
        rule.http.paths.map((p) => ({
          path: get(p, 'path') as string,
          service: get(p, 'backend.service.name') as string,
          canaryWeight:
            ingress.metadata.annotations?.['nginx.ingress.kubernetes.io/canary'] === 'true'
              ? Number(ingress.metadata.annotations['nginx.ingress.kubernetes.io/canary-weight'])
              : null,
        })),
      ),
  );
}

/** ingress-nginx: among the (non-canary) Ingresses of the host, the longest matching Prefix wins. */
function serviceFor(url: string): string {
  const main = routesOf(objects.filter((o) => o.kind === 'Ingress')).filter((r) => r.canaryWeight === null);
  const matches = main.filter((r) => r.path === '/' || url === r.path || url.startsWith(`${r.path}/`));
  return matches.sort((a, b) => b.path.length - a.path.length)[0].service;
}

describe('k8s/migration/strangler (phase 2 of the strangler path, docs/MIGRATION.md)', () => {
  it('renders production plus the legacy service, its routes, a canary and the incremental import', () => {
    const names = (kind: string) => objects.filter((o) => o.kind === kind).map((o) => o.metadata.name);
    expect(names('Ingress')).toEqual(
      expect.arrayContaining(['oversing-app', 'oversing-legacy-routes', 'oversing-canary-work-logs']),
    );
    expect(names('Service')).toContain('legacy-oversing');
    expect(names('CronJob')).toEqual(['oversing-legacy-import']);
    expect(objects.every((o) => o.metadata.namespace === 'oversing')).toBe(true);
  });

  it('is valid and as locked down as the rest (schemas, TLS, resources, security context, secrets)', () => {
    expect(validateSchemas(objects)).toEqual([]);
    expect(checkIngressTls(objects, clusterIssuers)).toEqual([]);
    expect(checkResources(objects)).toEqual([]);
    expect(checkSecurityContext(objects)).toEqual([]);
    expect(checkSecretReferences(objects)).toEqual([]);
  });

  it('sends the moved routes to the new system and the others to the legacy one', () => {
    for (const url of [
      '/oauth/auth',
      '/.well-known/openid-configuration',
      '/api/v1/auth/me',
      '/api/v1/users',
      '/api/v1/tasks/123',
      '/api/v1/programs',
      '/api/v1/workflows',
      '/api/v1/certifications',
    ])
      expect(serviceFor(url), url).toBe('api');
    for (const url of [
      '/api/v1/work-logs',
      '/api/v1/financial/invoices',
      '/api/v1/reports/x',
      '/api/v1/audit',
    ])
      expect(serviceFor(url), url).toBe('legacy-oversing');
    expect(serviceFor('/legacy/timesheets')).toBe('legacy-oversing');
    expect(serviceFor('/')).toBe('web');
    // /api/v1/work-logsX is not /api/v1/work-logs: prefixes match whole path segments
    expect(serviceFor('/api/v1/work-logsX')).toBe('api');
  });

  it('moves a route gradually through a canary of an exact path of the legacy routes', () => {
    const canary = routesOf(objects.filter((o) => o.kind === 'Ingress')).filter(
      (r) => r.canaryWeight !== null,
    );
    expect(canary).toEqual([{ path: '/api/v1/work-logs', service: 'api', canaryWeight: 10 }]);
    expect(serviceFor('/api/v1/work-logs')).toBe('legacy-oversing');
  });

  it('runs the incremental import on a schedule, never twice at once, from the API image', () => {
    const cron = objects.find((o) => o.kind === 'CronJob')!;
    expect(get(cron, 'spec.concurrencyPolicy')).toBe('Forbid');
    const container = get(cron, 'spec.jobTemplate.spec.template.spec.containers.0') as {
      image: string;
      command: string[];
    };
    expect(container.image).toMatch(/^ghcr\.io\/oversing\/api:/);
    expect(container.command).toEqual(expect.arrayContaining(['legacy:import', '--since', 'last']));
  });
});
