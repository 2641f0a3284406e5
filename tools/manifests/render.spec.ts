import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyJson6902, K8sObject, parseImage, renderKustomization, strategicMerge } from './render';

const scratch: string[] = [];
afterEach(() => {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Writes files (path -> content) into a fresh temporary directory and returns it. */
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'render-spec-'));
  scratch.push(dir);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

const deployment = (): K8sObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'api' },
  spec: {
    selector: { matchLabels: { app: 'api' } },
    template: {
      metadata: { labels: { app: 'api' } },
      spec: {
        containers: [
          {
            name: 'api',
            image: 'oversing/api',
            env: [
              { name: 'A', value: '1' },
              { name: 'B', value: '2' },
            ],
            resources: { limits: { cpu: '1', memory: '1Gi' } },
          },
          { name: 'sidecar', image: 'busybox:1.36' },
        ],
        tolerations: [{ key: 'x', operator: 'Exists' }],
      },
    },
  },
});

describe('strategic merge', () => {
  it('merges containers and env by name, maps recursively, and replaces lists without a merge key', () => {
    const merged = strategicMerge(deployment(), {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'api', labels: { tier: 'backend' } },
      spec: {
        template: {
          spec: {
            containers: [
              {
                name: 'api',
                env: [
                  { name: 'B', value: 'two' },
                  { name: 'C', value: '3' },
                ],
                resources: { limits: { cpu: '2' } },
              },
            ],
            tolerations: [{ key: 'y', operator: 'Exists' }],
          },
        },
      },
    });
    const spec = (merged.spec as { template: { spec: Record<string, unknown> } }).template.spec;
    expect(spec.containers).toEqual([
      {
        name: 'api',
        image: 'oversing/api',
        env: [
          { name: 'A', value: '1' },
          { name: 'B', value: 'two' },
          { name: 'C', value: '3' },
        ],
        resources: { limits: { cpu: '2', memory: '1Gi' } },
      },
      { name: 'sidecar', image: 'busybox:1.36' },
    ]);
    expect(spec.tolerations).toEqual([{ key: 'y', operator: 'Exists' }]);
    expect(merged.metadata).toEqual({ name: 'api', labels: { tier: 'backend' } });
  });

  it('deletes a key patched to null and replaces lists wholesale in custom resources', () => {
    const cluster: K8sObject = {
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Cluster',
      metadata: { name: 'db' },
      spec: {
        instances: 3,
        monitoring: { enablePodMonitor: true },
        managed: { roles: [{ name: 'a' }, { name: 'b' }] },
      },
    };
    const merged = strategicMerge(cluster, {
      spec: { monitoring: null, managed: { roles: [{ name: 'c' }] } },
    });
    expect(merged.spec).toEqual({ instances: 3, managed: { roles: [{ name: 'c' }] } });
  });
});

describe('JSON 6902', () => {
  it('adds, replaces and removes, with ~1 escaping in keys', () => {
    const ingress: K8sObject = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'x', annotations: { 'cert-manager.io/cluster-issuer': 'prod', drop: 'me' } },
      spec: { rules: [{ host: 'a.invalid' }] },
    };
    const patched = applyJson6902(
      ingress,
      [
        { op: 'replace', path: '/metadata/annotations/cert-manager.io~1cluster-issuer', value: 'staging' },
        { op: 'remove', path: '/metadata/annotations/drop' },
        { op: 'replace', path: '/spec/rules/0/host', value: 'a.example.com' },
        { op: 'add', path: '/spec/rules/-', value: { host: 'b.example.com' } },
      ],
      'test',
    );
    expect(patched.metadata.annotations).toEqual({ 'cert-manager.io/cluster-issuer': 'staging' });
    expect(patched.spec).toEqual({ rules: [{ host: 'a.example.com' }, { host: 'b.example.com' }] });
    expect(ingress.spec).toEqual({ rules: [{ host: 'a.invalid' }] });
  });

  it('refuses to replace a path that does not exist and unsupported operations', () => {
    expect(() =>
      applyJson6902(deployment(), [{ op: 'replace', path: '/spec/nope/x', value: 1 }], 't'),
    ).toThrow(/does not exist/);
    expect(() => applyJson6902(deployment(), [{ op: 'move', from: '/a', path: '/b' }], 't')).toThrow(
      /not supported/,
    );
  });
});

describe('image references', () => {
  it('splits registry ports, tags and digests correctly', () => {
    expect(parseImage('oversing/api')).toEqual({ name: 'oversing/api' });
    expect(parseImage('registry:5000/oversing/api:1.2')).toEqual({
      name: 'registry:5000/oversing/api',
      tag: '1.2',
    });
    expect(parseImage('ghcr.io/o/api@sha256:abc')).toEqual({ name: 'ghcr.io/o/api', digest: 'sha256:abc' });
  });
});

describe('renderKustomization', () => {
  const base = {
    'base/kustomization.yaml': [
      'namespace: one',
      'sortOptions: {order: fifo}',
      'labels:',
      '  - pairs: {part-of: demo}',
      '    includeSelectors: false',
      '    includeTemplates: true',
      'resources: [deploy.yaml, cm.yaml]',
    ].join('\n'),
    'base/deploy.yaml': [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: api}',
      'spec:',
      '  selector: {matchLabels: {app: api}}',
      '  template:',
      '    metadata: {labels: {app: api}}',
      '    spec:',
      '      initContainers: [{name: init, image: "oversing/api"}]',
      '      containers: [{name: api, image: "oversing/api:old"}]',
    ].join('\n'),
    'base/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata: {A: "1"}\n---\n',
  };

  it('applies resources, patches, namespace, labels and images in kustomize order, keeping fifo order', () => {
    const dir = tree({
      ...base,
      'overlay/kustomization.yaml': [
        'namespace: two',
        'sortOptions: {order: fifo}',
        'resources: [../base]',
        'images: [{name: oversing/api, newName: ghcr.io/o/api, newTag: "1.0"}]',
        'patches:',
        '  - path: cm.yaml',
        '  - target: {kind: Deployment, name: "a.*"}',
        '    patch: |-',
        '      - op: add',
        '        path: /spec/replicas',
        '        value: 2',
      ].join('\n'),
      'overlay/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata: {B: "2"}\n',
    });
    const [deploy, cm] = renderKustomization(join(dir, 'overlay'));
    expect(deploy.kind).toBe('Deployment');
    expect(deploy.metadata).toEqual({ name: 'api', namespace: 'two', labels: { 'part-of': 'demo' } });
    expect(deploy.spec).toMatchObject({
      replicas: 2,
      selector: { matchLabels: { app: 'api' } },
      template: {
        metadata: { labels: { app: 'api', 'part-of': 'demo' } },
        spec: {
          initContainers: [{ image: 'ghcr.io/o/api:1.0' }],
          containers: [{ image: 'ghcr.io/o/api:1.0' }],
        },
      },
    });
    expect(cm).toMatchObject({ metadata: { namespace: 'two' }, data: { A: '1', B: '2' } });
  });

  it('refuses features it does not implement instead of rendering something else', () => {
    const withField = tree({
      ...base,
      'o/kustomization.yaml': 'sortOptions: {order: fifo}\nresources: [../base]\ncommonAnnotations: {a: b}\n',
    });
    expect(() => renderKustomization(join(withField, 'o'))).toThrow(/"commonAnnotations" is not supported/);
    const legacy = tree({ ...base, 'o/kustomization.yaml': 'resources: [../base]\n' });
    expect(() => renderKustomization(join(legacy, 'o'))).toThrow(/legacy/);
    const directive = tree({
      ...base,
      'o/kustomization.yaml': 'sortOptions: {order: fifo}\nresources: [../base]\npatches: [{path: p.yaml}]\n',
      'o/p.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\n$patch: delete\n',
    });
    expect(() => renderKustomization(join(directive, 'o'))).toThrow(/directive/);
    const missing = tree({
      ...base,
      'o/kustomization.yaml': 'sortOptions: {order: fifo}\nresources: [../base]\npatches: [{path: p.yaml}]\n',
      'o/p.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: nope}\ndata: {A: "2"}\n',
    });
    expect(() => renderKustomization(join(missing, 'o'))).toThrow(/matches no resource/);
    const duplicate = tree({
      'o/kustomization.yaml': 'sortOptions: {order: fifo}\nresources: [a.yaml, b.yaml]\n',
      'o/a.yaml': base['base/cm.yaml'],
      'o/b.yaml': base['base/cm.yaml'],
    });
    expect(() => renderKustomization(join(duplicate, 'o'))).toThrow(/duplicate resource/);
  });
});
