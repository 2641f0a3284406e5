/**
 * Validation of rendered manifests (the output of render.ts): Kubernetes schemas through
 * kubernetes-models, structural checks of the custom resources, and the project's rules (probes,
 * resources, non-root, no literal secrets, autoscaling, audit-database isolation, TLS, ...).
 * Every check returns a list of problems, each naming the object; an empty list means it passed.
 */
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { DaemonSet } from 'kubernetes-models/apps/v1/DaemonSet';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { CronJob } from 'kubernetes-models/batch/v1/CronJob';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { groupOf, isRecord, JsonRecord, K8sObject, parseImage } from './render';

export type Problems = string[];

const ref = (o: K8sObject): string => `${o.kind}/${o.metadata.name}`;

/** Reads a dotted path (array indices as numbers) from a value. */
export function get(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const key of path.split('.')) {
    if (Array.isArray(current)) current = current[Number(key)];
    else if (isRecord(current)) current = current[key];
    else return undefined;
  }
  return current;
}

const asRecord = (value: unknown): JsonRecord => (isRecord(value) ? value : {});
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const asLabels = (value: unknown): Record<string, string> =>
  isRecord(value) ? (value as Record<string, string>) : {};

// ------------------------------------------------------------------------------------------- schemas

type Model = new (data: never) => { validate(): void };

/** Built-in kinds validated against the Kubernetes OpenAPI schemas; any other built-in kind is refused. */
const MODELS: Record<string, Model> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'v1/ServiceAccount': ServiceAccount,
  'v1/PersistentVolumeClaim': PersistentVolumeClaim,
  'apps/v1/Deployment': Deployment,
  'apps/v1/StatefulSet': StatefulSet,
  'apps/v1/DaemonSet': DaemonSet,
  'batch/v1/Job': Job,
  'batch/v1/CronJob': CronJob,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'networking.k8s.io/v1/Ingress': Ingress,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
};

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/;

function required(o: K8sObject, paths: string[], problems: Problems): void {
  for (const path of paths) {
    const value = get(o, path);
    if (value === undefined || value === null || value === '')
      problems.push(`${ref(o)}: ${path} is required`);
  }
}

function secretKeyRef(o: K8sObject, path: string, problems: Problems): void {
  const value = get(o, path);
  if (!isRecord(value) || typeof value.name !== 'string' || typeof value.key !== 'string') {
    problems.push(`${ref(o)}: ${path} must reference a Secret by name and key`);
  }
}

/** Structural validators for the custom resources the manifests use (their CRDs are not vendored). */
const CUSTOM: Record<string, (o: K8sObject, all: K8sObject[], problems: Problems) => void> = {
  'postgresql.cnpg.io/v1/Cluster': (o, _all, problems) => {
    required(o, ['spec.instances', 'spec.storage.size', 'spec.imageName'], problems);
    const instances = get(o, 'spec.instances');
    if (!Number.isInteger(instances) || (instances as number) < 1)
      problems.push(`${ref(o)}: spec.instances must be an integer >= 1`);
    if (get(o, 'spec.bootstrap.initdb') !== undefined) {
      required(
        o,
        [
          'spec.bootstrap.initdb.database',
          'spec.bootstrap.initdb.owner',
          'spec.bootstrap.initdb.secret.name',
        ],
        problems,
      );
    }
    if (get(o, 'spec.backup') !== undefined) {
      const destination = get(o, 'spec.backup.barmanObjectStore.destinationPath');
      if (typeof destination !== 'string' || !/^(s3|gs|https):\/\/[^/]+\/.+/.test(destination)) {
        problems.push(`${ref(o)}: spec.backup.barmanObjectStore.destinationPath must be an object-store URL`);
      }
      if (get(o, 'spec.backup.barmanObjectStore.s3Credentials') !== undefined) {
        secretKeyRef(o, 'spec.backup.barmanObjectStore.s3Credentials.accessKeyId', problems);
        secretKeyRef(o, 'spec.backup.barmanObjectStore.s3Credentials.secretAccessKey', problems);
      }
    }
    for (const [i, role] of asArray(get(o, 'spec.managed.roles')).entries()) {
      if (!isRecord(role) || typeof role.name !== 'string')
        problems.push(`${ref(o)}: spec.managed.roles.${i}.name is required`);
    }
  },
  'postgresql.cnpg.io/v1/ScheduledBackup': (o, all, problems) => {
    required(o, ['spec.schedule', 'spec.cluster.name'], problems);
    const schedule = get(o, 'spec.schedule');
    if (typeof schedule !== 'string' || schedule.trim().split(/\s+/).length !== 6) {
      problems.push(`${ref(o)}: spec.schedule must be a six-field cron expression (seconds first)`);
    }
    const cluster = get(o, 'spec.cluster.name');
    if (
      !all.some(
        (c) =>
          c.kind === 'Cluster' &&
          c.metadata.name === cluster &&
          c.metadata.namespace === o.metadata.namespace,
      )
    ) {
      problems.push(`${ref(o)}: spec.cluster.name "${String(cluster)}" is not a Cluster in this namespace`);
    }
  },
  'external-secrets.io/v1/ExternalSecret': (o, _all, problems) => {
    required(o, ['spec.secretStoreRef.name', 'spec.target.name'], problems);
    const storeKind = get(o, 'spec.secretStoreRef.kind');
    if (storeKind !== 'SecretStore' && storeKind !== 'ClusterSecretStore') {
      problems.push(`${ref(o)}: spec.secretStoreRef.kind must be SecretStore or ClusterSecretStore`);
    }
    const data = asArray(get(o, 'spec.data'));
    if (data.length === 0 && asArray(get(o, 'spec.dataFrom')).length === 0)
      problems.push(`${ref(o)}: spec.data or spec.dataFrom is required`);
    const fetched = new Set<string>();
    for (const [i, item] of data.entries()) {
      if (
        !isRecord(item) ||
        typeof item.secretKey !== 'string' ||
        typeof get(item, 'remoteRef.key') !== 'string'
      ) {
        problems.push(`${ref(o)}: spec.data.${i} needs secretKey and remoteRef.key`);
      } else {
        fetched.add(item.secretKey);
      }
    }
    for (const [key, template] of Object.entries(asRecord(get(o, 'spec.target.template.data')))) {
      if (typeof template !== 'string') {
        problems.push(`${ref(o)}: template key ${key} must be a string`);
        continue;
      }
      for (const match of template.matchAll(/\{\{\s*\.([A-Za-z_][A-Za-z0-9_]*)/g)) {
        if (!fetched.has(match[1] ?? ''))
          problems.push(`${ref(o)}: template key ${key} uses .${match[1]}, which spec.data does not fetch`);
      }
    }
  },
  'monitoring.coreos.com/v1/ServiceMonitor': (o, _all, problems) => {
    if (!isRecord(get(o, 'spec.selector'))) problems.push(`${ref(o)}: spec.selector is required`);
    const endpoints = asArray(get(o, 'spec.endpoints'));
    if (endpoints.length === 0) problems.push(`${ref(o)}: spec.endpoints must not be empty`);
    for (const [i, e] of endpoints.entries()) {
      if (!isRecord(e) || (typeof e.port !== 'string' && e.targetPort === undefined))
        problems.push(`${ref(o)}: spec.endpoints.${i} needs a port`);
    }
  },
  'monitoring.coreos.com/v1/PrometheusRule': (o, _all, problems) => {
    const groups = asArray(get(o, 'spec.groups'));
    if (groups.length === 0) problems.push(`${ref(o)}: spec.groups must not be empty`);
    problems.push(...checkRuleGroups(groups).map((p) => `${ref(o)}: ${p}`));
  },
  'redis.redis.opstreelabs.in/v1beta2/Redis': (o, _all, problems) => {
    required(
      o,
      ['spec.kubernetesConfig.image', 'spec.storage.volumeClaimTemplate.spec.resources.requests.storage'],
      problems,
    );
    if (get(o, 'spec.kubernetesConfig.redisSecret') === undefined)
      problems.push(`${ref(o)}: Redis must require a password (kubernetesConfig.redisSecret)`);
    else secretKeyRef(o, 'spec.kubernetesConfig.redisSecret', problems);
  },
  'cert-manager.io/v1/ClusterIssuer': (o, _all, problems) => {
    if (o.metadata.namespace !== undefined)
      problems.push(`${ref(o)}: a ClusterIssuer is cluster-scoped and takes no namespace`);
    required(o, ['spec.acme.server', 'spec.acme.email', 'spec.acme.privateKeySecretRef.name'], problems);
    if (asArray(get(o, 'spec.acme.solvers')).length === 0)
      problems.push(`${ref(o)}: spec.acme.solvers must not be empty`);
  },
  'cert-manager.io/v1/Certificate': (o, _all, problems) => {
    required(o, ['spec.secretName', 'spec.issuerRef.name'], problems);
    if (asArray(get(o, 'spec.dnsNames')).length === 0)
      problems.push(`${ref(o)}: spec.dnsNames must not be empty`);
  },
};

/** Prometheus rule groups (rule-file format): names, expressions, and labels/annotations on alerts. */
export function checkRuleGroups(groups: unknown[]): Problems {
  const problems: Problems = [];
  for (const [i, group] of groups.entries()) {
    if (!isRecord(group) || typeof group.name !== 'string') {
      problems.push(`groups.${i}.name is required`);
      continue;
    }
    const rules = asArray(group.rules);
    if (rules.length === 0) problems.push(`group ${group.name} has no rules`);
    for (const rule of rules) {
      const name = String(get(rule, 'alert') ?? get(rule, 'record'));
      const expr = get(rule, 'expr');
      if (typeof expr !== 'string' || expr.trim() === '')
        problems.push(`${group.name}/${name}: expr is required`);
      else if (!balanced(expr)) problems.push(`${group.name}/${name}: unbalanced brackets in expr`);
      if (get(rule, 'alert') !== undefined) {
        if (!['critical', 'warning', 'info'].includes(String(get(rule, 'labels.severity')))) {
          problems.push(`${group.name}/${name}: labels.severity must be critical, warning or info`);
        }
        if (typeof get(rule, 'annotations.summary') !== 'string')
          problems.push(`${group.name}/${name}: annotations.summary is required`);
        if (get(rule, 'for') !== undefined && !/^\d+[smhd]$/.test(String(get(rule, 'for')))) {
          problems.push(`${group.name}/${name}: "for" must be a duration`);
        }
      } else if (get(rule, 'record') === undefined) {
        problems.push(`${group.name}: a rule needs alert or record`);
      }
    }
  }
  return problems;
}

/** True when (), [] and {} are balanced outside of quoted strings. */
export function balanced(expression: string): boolean {
  const stack: string[] = [];
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  let quote: string | undefined;
  for (let i = 0; i < expression.length; i += 1) {
    const c = expression[i] as string;
    if (quote !== undefined) {
      if (c === '\\') i += 1;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'" || c === '`') {
      quote = c;
    } else if (c === '(' || c === '[' || c === '{') {
      stack.push(c);
    } else if (c in pairs) {
      if (stack.pop() !== pairs[c]) return false;
    }
  }
  return stack.length === 0 && quote === undefined;
}

/** Every object against its schema: kubernetes-models for built-in kinds, CUSTOM for custom resources. */
export function validateSchemas(objects: K8sObject[]): Problems {
  const problems: Problems = [];
  for (const o of objects) {
    const key = `${o.apiVersion}/${o.kind}`;
    if (!DNS_SUBDOMAIN.test(o.metadata.name))
      problems.push(`${ref(o)}: metadata.name is not a DNS subdomain`);
    for (const [name, value] of Object.entries({
      ...(o.metadata.labels ?? {}),
      ...asLabels(get(o, 'spec.template.metadata.labels')),
    })) {
      if (typeof value !== 'string' || !LABEL_VALUE.test(value))
        problems.push(`${ref(o)}: label ${name} has an invalid value`);
    }
    const model = MODELS[key];
    const custom = CUSTOM[key];
    if (model !== undefined) {
      try {
        new model(o as never).validate();
      } catch (error) {
        problems.push(`${ref(o)}: ${(error as Error).message}`);
      }
    } else if (custom !== undefined) {
      if (!isRecord(o.spec)) problems.push(`${ref(o)}: spec is required`);
      else custom(o, objects, problems);
    } else {
      problems.push(`${ref(o)}: no schema or validator for ${key}`);
    }
  }
  return problems;
}

// ----------------------------------------------------------------------------------------- workloads

export interface Workload {
  object: K8sObject;
  labels: Record<string, string>;
  pod: JsonRecord;
  containers: JsonRecord[];
}

const WORKLOAD_TEMPLATE: Record<string, string> = {
  Deployment: 'spec.template',
  StatefulSet: 'spec.template',
  DaemonSet: 'spec.template',
  Job: 'spec.template',
  CronJob: 'spec.jobTemplate.spec.template',
};

export function workloads(objects: K8sObject[]): Workload[] {
  return objects.flatMap((o) => {
    const templatePath = WORKLOAD_TEMPLATE[o.kind];
    if (templatePath === undefined || !['apps', 'batch'].includes(groupOf(o.apiVersion))) return [];
    const template = asRecord(get(o, templatePath));
    const pod = asRecord(template.spec);
    const containers = [...asArray(pod.initContainers), ...asArray(pod.containers)].filter(isRecord);
    return [{ object: o, labels: asLabels(get(template, 'metadata.labels')), pod, containers }];
  });
}

const deployments = (objects: K8sObject[]): Workload[] =>
  workloads(objects).filter((w) => w.object.kind === 'Deployment');

/** Kubernetes label selector semantics (matchLabels and matchExpressions); {} selects everything. */
export function selectorMatches(selector: unknown, labels: Record<string, string>): boolean {
  if (!isRecord(selector)) return false;
  for (const [key, value] of Object.entries(asLabels(selector.matchLabels)))
    if (labels[key] !== value) return false;
  for (const expression of asArray(selector.matchExpressions)) {
    const key = String(get(expression, 'key'));
    const values = asArray(get(expression, 'values')).map(String);
    const has = key in labels;
    switch (get(expression, 'operator')) {
      case 'In':
        if (!has || !values.includes(labels[key] as string)) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[key] as string)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

// ------------------------------------------------------------------------------------------- quantities

/** A CPU or memory quantity in base units (cores or bytes). */
export function parseQuantity(value: unknown): number | undefined {
  const text = String(value);
  const match = /^([0-9.]+(?:e[0-9]+)?)(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/.exec(text);
  if (typeof value === 'number') return value;
  if (!match) return undefined;
  const factors: Record<string, number> = {
    m: 1e-3,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
    Ki: 2 ** 10,
    Mi: 2 ** 20,
    Gi: 2 ** 30,
    Ti: 2 ** 40,
  };
  return Number(match[1]) * (match[2] === undefined ? 1 : (factors[match[2]] ?? Number.NaN));
}

// ----------------------------------------------------------------------------------------------- rules

/** Every Deployment container has readiness and liveness probes, on ports the container declares. */
export function checkProbes(objects: K8sObject[]): Problems {
  const problems: Problems = [];
  for (const w of workloads(objects)) {
    const ports = new Map<unknown, number>();
    for (const c of w.containers)
      for (const p of asArray(c.ports)) ports.set(get(p, 'name'), Number(get(p, 'containerPort')));
    for (const c of asArray(w.pod.containers).filter(isRecord)) {
      const where = `${ref(w.object)} container ${String(c.name)}`;
      for (const probe of ['readinessProbe', 'livenessProbe', 'startupProbe']) {
        const spec = c[probe];
        if (spec === undefined) {
          if (w.object.kind === 'Deployment' && probe !== 'startupProbe')
            problems.push(`${where}: ${probe} is missing`);
          continue;
        }
        const handler = ['httpGet', 'tcpSocket', 'exec', 'grpc'].find((h) => get(spec, h) !== undefined);
        if (handler === undefined) problems.push(`${where}: ${probe} has no handler`);
        const port = get(spec, `${handler}.port`);
        if (
          (handler === 'httpGet' || handler === 'tcpSocket') &&
          typeof port === 'string' &&
          !ports.has(port)
        ) {
          problems.push(`${where}: ${probe} uses port "${port}", which the container does not declare`);
        }
      }
      // a process told to listen on PORT / METRICS_PORT / WEB_PORT must declare that port
      for (const variable of ['PORT', 'METRICS_PORT', 'WEB_PORT']) {
        const env = asArray(c.env).find((e) => get(e, 'name') === variable);
        if (env !== undefined && ![...ports.values()].includes(Number(get(env, 'value')))) {
          problems.push(`${where}: ${variable}=${String(get(env, 'value'))} is not a declared containerPort`);
        }
      }
    }
  }
  return problems;
}

/** Every container (init containers and jobs included) has CPU and memory requests and limits, requests <= limits. */
export function checkResources(objects: K8sObject[]): Problems {
  const problems: Problems = [];
  for (const w of workloads(objects)) {
    for (const c of w.containers) {
      const where = `${ref(w.object)} container ${String(c.name)}`;
      for (const resource of ['cpu', 'memory']) {
        const request = parseQuantity(get(c, `resources.requests.${resource}`));
        const limit = parseQuantity(get(c, `resources.limits.${resource}`));
        if (request === undefined) problems.push(`${where}: resources.requests.${resource} is missing`);
        if (limit === undefined) problems.push(`${where}: resources.limits.${resource} is missing`);
        if (request !== undefined && limit !== undefined && request > limit)
          problems.push(`${where}: ${resource} request exceeds its limit`);
      }
    }
  }
  return problems;
}

/** Non-root, no privilege escalation, read-only root filesystem, all capabilities dropped, no host namespaces. */
export function checkSecurityContext(objects: K8sObject[]): Problems {
  const problems: Problems = [];
  for (const w of workloads(objects)) {
    const pod = asRecord(w.pod.securityContext);
    for (const field of ['hostNetwork', 'hostPID', 'hostIPC'])
      if (w.pod[field] === true) problems.push(`${ref(w.object)}: ${field} is set`);
    if (w.pod.automountServiceAccountToken !== false)
      problems.push(`${ref(w.object)}: automountServiceAccountToken must be false`);
    if (get(pod, 'seccompProfile.type') !== 'RuntimeDefault')
      problems.push(`${ref(w.object)}: seccompProfile must be RuntimeDefault`);
    if (pod.runAsUser === 0) problems.push(`${ref(w.object)}: runAsUser is 0`);
    for (const c of w.containers) {
      const where = `${ref(w.object)} container ${String(c.name)}`;
      const sc = asRecord(c.securityContext);
      if (sc.runAsNonRoot !== true && !(pod.runAsNonRoot === true && sc.runAsNonRoot === undefined))
        problems.push(`${where}: runAsNonRoot is not true`);
      if (sc.runAsUser === 0) problems.push(`${where}: runAsUser is 0`);
      if (sc.allowPrivilegeEscalation !== false)
        problems.push(`${where}: allowPrivilegeEscalation must be false`);
      if (sc.readOnlyRootFilesystem !== true) problems.push(`${where}: readOnlyRootFilesystem must be true`);
      if (sc.privileged === true) problems.push(`${where}: privileged`);
      if (!asArray(get(sc, 'capabilities.drop')).includes('ALL'))
        problems.push(`${where}: capabilities.drop must include ALL`);
      if (asArray(get(sc, 'capabilities.add')).length > 0) problems.push(`${where}: adds capabilities`);
    }
  }
  return problems;
}

const SECRET_NAME = /SECRET|PASSWORD|KEY|TOKEN/i;
const URL_WITH_PASSWORD = /[a-z][a-z0-9+.-]*:\/\/[^/\s:@]*:([^@\s]+)@/i;
const SECRET_FIELD = /(password|secret|token|credentials?)$/i;

/**
 * No literal secret anywhere: env variables named like secrets (SECRET, PASSWORD, KEY, TOKEN; a *_URL such
 * as OAUTH_TOKEN_URL names an endpoint and is checked for embedded passwords instead) come from
 * secretKeyRef; no env value,
 * ConfigMap value or custom-resource field carries a URL with a password or a string in a field named
 * like a secret; ExternalSecret templates put only template expressions where passwords go.
 */
export function checkNoLiteralSecrets(objects: K8sObject[]): Problems {
  const problems: Problems = [];
  for (const w of workloads(objects)) {
    for (const c of w.containers) {
      for (const e of asArray(c.env).filter(isRecord)) {
        const name = String(e.name);
        const where = `${ref(w.object)} container ${String(c.name)} env ${name}`;
        if (
          SECRET_NAME.test(name) &&
          !name.endsWith('_URL') &&
          get(e, 'valueFrom.secretKeyRef') === undefined
        )
          problems.push(`${where}: must come from a secretKeyRef`);
        if (typeof e.value === 'string' && URL_WITH_PASSWORD.test(e.value))
          problems.push(`${where}: a URL with a literal password`);
      }
    }
  }
  for (const o of objects) {
    if (o.kind === 'Secret' && (o.data !== undefined || o.stringData !== undefined)) {
      problems.push(`${ref(o)}: Secret objects with data must not be committed; use an ExternalSecret`);
    }
    if (o.kind === 'ConfigMap') {
      for (const [key, value] of Object.entries(asRecord(o.data))) {
        if (SECRET_NAME.test(key))
          problems.push(`${ref(o)}: key ${key} looks like a secret; use an ExternalSecret`);
        if (typeof value === 'string' && URL_WITH_PASSWORD.test(value))
          problems.push(`${ref(o)}: ${key} holds a URL with a password`);
      }
    }
    if (o.kind === 'ExternalSecret') {
      for (const [key, value] of Object.entries(asRecord(get(o, 'spec.target.template.data')))) {
        const password = URL_WITH_PASSWORD.exec(String(value))?.[1];
        if (password !== undefined && !/^\{\{.*\}\}$/.test(password))
          problems.push(`${ref(o)}: template ${key} has a literal password`);
        if (SECRET_FIELD.test(key) && !/\{\{.*\}\}/.test(String(value)))
          problems.push(`${ref(o)}: template ${key} is a literal`);
      }
      continue;
    }
    if (!['Deployment', 'Job', 'StatefulSet', 'DaemonSet', 'CronJob', 'ConfigMap'].includes(o.kind)) {
      const walk = (value: unknown, path: string): void => {
        if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}.${i}`));
        else if (isRecord(value))
          for (const [k, v] of Object.entries(value)) {
            if (SECRET_FIELD.test(k) && typeof v === 'string' && v !== '')
              problems.push(`${ref(o)}: ${path}.${k} is a literal secret`);
            walk(v, `${path}.${k}`);
          }
        else if (typeof value === 'string' && URL_WITH_PASSWORD.test(value))
          problems.push(`${ref(o)}: ${path} holds a URL with a password`);
      };
      walk(o.spec, 'spec');
    }
  }
  return problems;
}

/** Every Secret referenced anywhere is produced by an ExternalSecret, with the referenced key. */
export function checkSecretReferences(objects: K8sObject[]): Problems {
  const problems: Problems = [];
  const produced = new Map<string, Set<string> | 'any'>();
  const types = new Map<string, unknown>();
  for (const o of objects.filter((x) => x.kind === 'ExternalSecret')) {
    const name = `${o.metadata.namespace ?? ''}/${String(get(o, 'spec.target.name'))}`;
    const template = get(o, 'spec.target.template.data');
    const keys = isRecord(template)
      ? new Set(Object.keys(template))
      : new Set(asArray(get(o, 'spec.data')).map((d) => String(get(d, 'secretKey'))));
    produced.set(name, asArray(get(o, 'spec.dataFrom')).length > 0 ? 'any' : keys);
    types.set(name, get(o, 'spec.target.template.type'));
  }
  const stores = new Set(
    objects
      .filter((x) => x.kind === 'ExternalSecret')
      .map(
        (x) => `${String(get(x, 'spec.secretStoreRef.kind'))}/${String(get(x, 'spec.secretStoreRef.name'))}`,
      ),
  );
  if (stores.size > 1) problems.push(`ExternalSecrets use several stores: ${[...stores].join(', ')}`);

  const need = (owner: K8sObject, name: unknown, key: unknown, what: string, type?: string): void => {
    const id = `${owner.metadata.namespace ?? ''}/${String(name)}`;
    const keys = produced.get(id);
    if (keys === undefined)
      problems.push(
        `${ref(owner)}: ${what} references Secret ${String(name)}, which no ExternalSecret produces`,
      );
    else if (key !== undefined && keys !== 'any' && !keys.has(String(key)))
      problems.push(
        `${ref(owner)}: ${what} needs key ${String(key)} of Secret ${String(name)}, which its ExternalSecret does not produce`,
      );
    if (type !== undefined && keys !== undefined && types.get(id) !== type)
      problems.push(`${ref(owner)}: Secret ${String(name)} must be of type ${type}`);
  };
  for (const w of workloads(objects)) {
    for (const c of w.containers) {
      for (const e of asArray(c.env)) {
        const r = get(e, 'valueFrom.secretKeyRef');
        if (isRecord(r)) need(w.object, r.name, r.key, `env ${String(get(e, 'name'))}`);
      }
      for (const e of asArray(c.envFrom))
        if (isRecord(get(e, 'secretRef'))) need(w.object, get(e, 'secretRef.name'), undefined, 'envFrom');
    }
    for (const v of asArray(w.pod.volumes))
      if (isRecord(get(v, 'secret'))) need(w.object, get(v, 'secret.secretName'), undefined, 'volume');
  }
  for (const o of objects) {
    if (o.kind === 'Cluster') {
      const initdb = get(o, 'spec.bootstrap.initdb.secret.name');
      if (initdb !== undefined) {
        need(o, initdb, 'username', 'bootstrap.initdb.secret', 'kubernetes.io/basic-auth');
        need(o, initdb, 'password', 'bootstrap.initdb.secret');
      }
      for (const role of asArray(get(o, 'spec.managed.roles'))) {
        const secret = get(role, 'passwordSecret.name');
        if (secret !== undefined) {
          need(
            o,
            secret,
            'username',
            `managed role ${String(get(role, 'name'))}`,
            'kubernetes.io/basic-auth',
          );
          need(o, secret, 'password', `managed role ${String(get(role, 'name'))}`);
        }
      }
      for (const field of ['accessKeyId', 'secretAccessKey']) {
        const r = get(o, `spec.backup.barmanObjectStore.s3Credentials.${field}`);
        if (isRecord(r)) need(o, r.name, r.key, `backup ${field}`);
      }
    }
    if (o.kind === 'Redis') {
      const r = get(o, 'spec.kubernetesConfig.redisSecret');
      if (isRecord(r)) need(o, r.name, r.key, 'redisSecret');
    }
  }
  return problems;
}

/**
 * Every Deployment: one autoscaling/v2 HPA (and no fixed spec.replicas), one PDB, and a ServiceMonitor
 * scraping it unless it is listed in `unscraped` (a process that has no /metrics to scrape).
 */
export function checkAutoscalingAndDisruption(
  objects: K8sObject[],
  options: { minReplicas?: number; unscraped?: string[] } = {},
): Problems {
  const problems: Problems = [];
  for (const w of deployments(objects)) {
    const d = w.object;
    const hpas = objects.filter(
      (o) =>
        o.kind === 'HorizontalPodAutoscaler' &&
        get(o, 'spec.scaleTargetRef.kind') === 'Deployment' &&
        get(o, 'spec.scaleTargetRef.name') === d.metadata.name,
    );
    if (hpas.length !== 1)
      problems.push(`${ref(d)}: expected one HorizontalPodAutoscaler, found ${hpas.length}`);
    for (const hpa of hpas) {
      if (hpa.apiVersion !== 'autoscaling/v2') problems.push(`${ref(hpa)}: must be autoscaling/v2`);
      const min = Number(get(hpa, 'spec.minReplicas') ?? 1);
      const max = Number(get(hpa, 'spec.maxReplicas'));
      if (!(min >= (options.minReplicas ?? 1) && max >= min))
        problems.push(
          `${ref(hpa)}: replicas ${min}..${max} (need at least ${options.minReplicas ?? 1}, max >= min)`,
        );
      if (asArray(get(hpa, 'spec.metrics')).length === 0) problems.push(`${ref(hpa)}: no metrics`);
    }
    if (get(d, 'spec.replicas') !== undefined)
      problems.push(`${ref(d)}: spec.replicas fights the HorizontalPodAutoscaler; leave it out`);
    const pdbs = objects.filter(
      (o) => o.kind === 'PodDisruptionBudget' && selectorMatches(get(o, 'spec.selector'), w.labels),
    );
    if (pdbs.length !== 1)
      problems.push(`${ref(d)}: expected one PodDisruptionBudget selecting its pods, found ${pdbs.length}`);
    const services = objects.filter(
      (o) =>
        o.kind === 'Service' &&
        isRecord(get(o, 'spec.selector')) &&
        selectorMatches({ matchLabels: get(o, 'spec.selector') }, w.labels),
    );
    const monitored = services.some((s) =>
      objects.some(
        (m) =>
          m.kind === 'ServiceMonitor' && selectorMatches(get(m, 'spec.selector'), s.metadata.labels ?? {}),
      ),
    );
    if (!monitored && !(options.unscraped ?? []).includes(d.metadata.name))
      problems.push(`${ref(d)}: no ServiceMonitor scrapes a Service of these pods`);
  }
  return problems;
}

/** Services select pods and target declared ports; ServiceMonitors and Ingresses point at existing Service ports. */
export function checkWiring(objects: K8sObject[]): Problems {
  const problems: Problems = [];
  const all = workloads(objects);
  const servicePortNames = (s: K8sObject): string[] =>
    asArray(get(s, 'spec.ports')).map((p) => String(get(p, 'name')));
  for (const s of objects.filter((o) => o.kind === 'Service')) {
    const selected = all.filter((w) => selectorMatches({ matchLabels: get(s, 'spec.selector') }, w.labels));
    if (selected.length === 0) problems.push(`${ref(s)}: its selector matches no pods`);
    for (const p of asArray(get(s, 'spec.ports'))) {
      const target = get(p, 'targetPort');
      if (
        typeof target === 'string' &&
        !selected.some((w) =>
          w.containers.some((c) => asArray(c.ports).some((cp) => get(cp, 'name') === target)),
        )
      ) {
        problems.push(`${ref(s)}: targetPort "${target}" is not a named port of the selected pods`);
      }
    }
  }
  for (const m of objects.filter((o) => o.kind === 'ServiceMonitor')) {
    const services = objects.filter(
      (o) => o.kind === 'Service' && selectorMatches(get(m, 'spec.selector'), o.metadata.labels ?? {}),
    );
    if (services.length === 0) problems.push(`${ref(m)}: selects no Service`);
    for (const e of asArray(get(m, 'spec.endpoints'))) {
      if (!services.some((s) => servicePortNames(s).includes(String(get(e, 'port')))))
        problems.push(`${ref(m)}: port ${String(get(e, 'port'))} is not a port of the selected Service`);
    }
  }
  for (const h of objects.filter((o) => o.kind === 'HorizontalPodAutoscaler')) {
    const name = get(h, 'spec.scaleTargetRef.name');
    if (!objects.some((o) => o.kind === get(h, 'spec.scaleTargetRef.kind') && o.metadata.name === name))
      problems.push(`${ref(h)}: scale target ${String(name)} does not exist`);
  }
  for (const ingress of objects.filter((o) => o.kind === 'Ingress')) {
    for (const rule of asArray(get(ingress, 'spec.rules'))) {
      for (const path of asArray(get(rule, 'http.paths'))) {
        const name = get(path, 'backend.service.name');
        const port = get(path, 'backend.service.port.name') ?? get(path, 'backend.service.port.number');
        const service = objects.find((o) => o.kind === 'Service' && o.metadata.name === name);
        if (service === undefined) {
          problems.push(`${ref(ingress)}: backend Service ${String(name)} does not exist`);
          continue;
        }
        if (
          !asArray(get(service, 'spec.ports')).some((p) => get(p, 'name') === port || get(p, 'port') === port)
        ) {
          problems.push(`${ref(ingress)}: Service ${String(name)} has no port ${String(port)}`);
        }
        // /metrics and /health/* are for the cluster only
        const prefix = String(get(path, 'path'));
        for (const internal of ['/metrics', '/health/live']) {
          const reaches =
            get(path, 'pathType') === 'Prefix'
              ? prefix === '/' || internal === prefix || internal.startsWith(`${prefix.replace(/\/$/, '')}/`)
              : internal === prefix;
          if (!reaches) continue;
          const servicePort = asArray(get(service, 'spec.ports')).find(
            (p) => get(p, 'name') === port || get(p, 'port') === port,
          );
          const scraped = objects.some(
            (m) =>
              m.kind === 'ServiceMonitor' &&
              selectorMatches(get(m, 'spec.selector'), service.metadata.labels ?? {}) &&
              asArray(get(m, 'spec.endpoints')).some((e) => get(e, 'port') === get(servicePort, 'name')),
          );
          if (internal === '/metrics' && scraped)
            problems.push(`${ref(ingress)}: path ${prefix} publishes /metrics of Service ${String(name)}`);
          if (internal === '/health/live' && prefix !== '/')
            problems.push(`${ref(ingress)}: path ${prefix} publishes /health`);
        }
      }
    }
  }
  return problems;
}

/** Whether a NetworkPolicy ingress rule admits TCP traffic to `port`. */
function ruleAdmitsPort(rule: unknown, port: number): boolean {
  const ports = asArray(get(rule, 'ports'));
  if (ports.length === 0) return true;
  return ports.some((p) => {
    const value = get(p, 'port');
    const end = get(p, 'endPort');
    if (typeof value !== 'number') return true; // all ports, or a named port: assume it may
    return typeof end === 'number' ? port >= value && port <= end : value === port;
  });
}

/**
 * The workloads of the namespace that NetworkPolicies admit to the pods with `targetLabels` on `port`, and
 * problems for rules that admit sources beyond pod selectors of the same namespace on that port.
 */
export function admittedWorkloads(
  objects: K8sObject[],
  namespace: string | undefined,
  targetLabels: Record<string, string>,
  port: number,
): { admitted: Workload[]; problems: Problems } {
  const problems: Problems = [];
  const policies = objects.filter(
    (o) =>
      o.kind === 'NetworkPolicy' &&
      o.metadata.namespace === namespace &&
      selectorMatches(get(o, 'spec.podSelector'), targetLabels) &&
      (get(o, 'spec.policyTypes') === undefined || asArray(get(o, 'spec.policyTypes')).includes('Ingress')),
  );
  const candidates = workloads(objects).filter((w) => w.object.metadata.namespace === namespace);
  if (policies.length === 0)
    return {
      admitted: candidates,
      problems: [`no NetworkPolicy selects the pods ${JSON.stringify(targetLabels)}: every pod may connect`],
    };
  const admitted = new Set<Workload>();
  for (const policy of policies) {
    for (const rule of asArray(get(policy, 'spec.ingress'))) {
      if (!ruleAdmitsPort(rule, port)) continue;
      const from = asArray(get(rule, 'from'));
      if (from.length === 0) {
        problems.push(`${ref(policy)}: an ingress rule without "from" admits every source on port ${port}`);
        candidates.forEach((w) => admitted.add(w));
      }
      for (const peer of from) {
        if (get(peer, 'ipBlock') !== undefined)
          problems.push(`${ref(policy)}: an ipBlock peer is admitted on port ${port}`);
        else if (get(peer, 'namespaceSelector') !== undefined)
          problems.push(`${ref(policy)}: pods of other namespaces are admitted on port ${port}`);
        else
          candidates
            .filter((w) => selectorMatches(get(peer, 'podSelector'), w.labels))
            .forEach((w) => admitted.add(w));
      }
    }
  }
  return { admitted: [...admitted], problems };
}

const appName = (w: Workload): string => w.labels['app.kubernetes.io/name'] ?? w.object.metadata.name;

/**
 * The audit database's pods (CloudNativePG labels them cnpg.io/cluster=<name>) accept PostgreSQL
 * connections from the certification pods and the migration job only; the primary database from the
 * API, the worker, realtime and the migration job only.
 */
export function checkDatabaseIsolation(objects: K8sObject[]): Problems {
  const problems: Problems = [];
  const expectations: Record<string, string[]> = {
    runcible_audit: ['certification', 'migrate'],
    oversing: ['api', 'worker', 'realtime', 'migrate'],
  };
  for (const [database, allowed] of Object.entries(expectations)) {
    const cluster = objects.find(
      (o) => o.kind === 'Cluster' && get(o, 'spec.bootstrap.initdb.database') === database,
    );
    if (cluster === undefined) {
      problems.push(`no CloudNativePG Cluster bootstraps the ${database} database`);
      continue;
    }
    const result = admittedWorkloads(
      objects,
      cluster.metadata.namespace,
      { 'cnpg.io/cluster': cluster.metadata.name },
      5432,
    );
    problems.push(...result.problems.map((p) => `${ref(cluster)}: ${p}`));
    for (const w of result.admitted) {
      if (!allowed.includes(appName(w)))
        problems.push(`${ref(cluster)}: ${ref(w.object)} can reach the ${database} database`);
    }
    for (const name of allowed) {
      if (!result.admitted.some((w) => appName(w) === name))
        problems.push(`${ref(cluster)}: ${name} cannot reach the ${database} database`);
    }
  }
  const redis = objects.find((o) => o.kind === 'Redis');
  if (redis !== undefined) {
    const result = admittedWorkloads(objects, redis.metadata.namespace, { app: redis.metadata.name }, 6379);
    problems.push(...result.problems.map((p) => `${ref(redis)}: ${p}`));
    for (const w of result.admitted) {
      if (!['api', 'worker', 'certification', 'realtime'].includes(appName(w)))
        problems.push(`${ref(redis)}: ${ref(w.object)} can reach Redis`);
    }
  }
  return problems;
}

/** Every Ingress: an ingress class, a cert-manager ClusterIssuer annotation naming a known issuer, TLS for every host. */
export function checkIngressTls(objects: K8sObject[], clusterIssuers: string[]): Problems {
  const problems: Problems = [];
  for (const ingress of objects.filter((o) => o.kind === 'Ingress')) {
    const issuer = ingress.metadata.annotations?.['cert-manager.io/cluster-issuer'];
    if (issuer === undefined)
      problems.push(`${ref(ingress)}: cert-manager.io/cluster-issuer annotation is missing`);
    else if (!clusterIssuers.includes(issuer))
      problems.push(`${ref(ingress)}: ClusterIssuer ${issuer} is not defined in k8s/cluster`);
    if (typeof get(ingress, 'spec.ingressClassName') !== 'string')
      problems.push(`${ref(ingress)}: spec.ingressClassName is missing`);
    const tls = asArray(get(ingress, 'spec.tls'));
    const covered = new Set(tls.flatMap((t) => asArray(get(t, 'hosts')).map(String)));
    for (const t of tls)
      if (typeof get(t, 'secretName') !== 'string')
        problems.push(`${ref(ingress)}: a tls entry has no secretName`);
    const rules = asArray(get(ingress, 'spec.rules'));
    if (rules.length === 0) problems.push(`${ref(ingress)}: no rules`);
    for (const rule of rules) {
      const host = get(rule, 'host');
      if (typeof host !== 'string') problems.push(`${ref(ingress)}: a rule has no host`);
      else if (!covered.has(host)) problems.push(`${ref(ingress)}: host ${host} has no TLS`);
    }
  }
  return problems;
}

/** Images are pinned to a tag or digest from a registry (the overlay's images transformer ran), never :latest. */
export function checkImages(objects: K8sObject[]): Problems {
  const problems: Problems = [];
  for (const w of workloads(objects)) {
    for (const c of w.containers) {
      const image = parseImage(String(c.image));
      const where = `${ref(w.object)} container ${String(c.name)}`;
      if (image.tag === undefined && image.digest === undefined)
        problems.push(`${where}: image ${String(c.image)} has no tag or digest`);
      if (image.tag === 'latest') problems.push(`${where}: image uses :latest`);
      if (!/[.:]/.test(image.name.split('/')[0] ?? '') || !image.name.includes('/'))
        problems.push(`${where}: image ${String(c.image)} names no registry`);
    }
  }
  return problems;
}

const wave = (o: K8sObject): number => Number(o.metadata.annotations?.['argocd.argoproj.io/sync-wave'] ?? 0);

/** The migration job runs the API image's migrate entry point, before the Deployments, after its dependencies. */
export function checkMigrationJob(objects: K8sObject[]): Problems {
  const problems: Problems = [];
  const jobs = workloads(objects).filter(
    (w) => w.object.kind === 'Job' && w.labels['app.kubernetes.io/component'] === 'migration',
  );
  if (jobs.length !== 1) return [`expected one migration Job, found ${jobs.length}`];
  const job = jobs[0] as Workload;
  const container = asArray(job.pod.containers)[0];
  const command = [...asArray(get(container, 'command')), ...asArray(get(container, 'args'))].map(String);
  if (!command.includes('dist/tools/migrate.js'))
    problems.push(`${ref(job.object)}: does not run dist/tools/migrate.js`);
  const api = deployments(objects).find((w) => appName(w) === 'api');
  const apiImage = get(api?.pod, 'containers.0.image');
  if (get(container, 'image') !== apiImage)
    problems.push(
      `${ref(job.object)}: image ${String(get(container, 'image'))} differs from the API's ${String(apiImage)}`,
    );
  if (!['Never', 'OnFailure'].includes(String(job.pod.restartPolicy)))
    problems.push(`${ref(job.object)}: restartPolicy must be Never or OnFailure`);
  if (get(job.object, 'spec.backoffLimit') === undefined)
    problems.push(`${ref(job.object)}: backoffLimit is not set`);
  const annotations = job.object.metadata.annotations ?? {};
  if (
    annotations['argocd.argoproj.io/hook'] !== 'Sync' ||
    annotations['argocd.argoproj.io/hook-delete-policy'] !== 'BeforeHookCreation'
  ) {
    problems.push(
      `${ref(job.object)}: needs the Argo CD Sync hook annotations (recreated before every sync)`,
    );
  }
  const jobIndex = objects.indexOf(job.object);
  for (const d of deployments(objects)) {
    if (wave(d.object) <= wave(job.object))
      problems.push(
        `${ref(d.object)}: sync wave ${wave(d.object)} does not come after the migration's ${wave(job.object)}`,
      );
    if (objects.indexOf(d.object) < jobIndex)
      problems.push(`${ref(d.object)}: rendered before the migration Job`);
  }
  for (const o of objects.filter(
    (x) => ['ExternalSecret', 'Cluster', 'Redis'].includes(x.kind) || x.kind === 'ConfigMap',
  )) {
    if (wave(o) >= wave(job.object))
      problems.push(`${ref(o)}: sync wave ${wave(o)} must come before the migration's ${wave(job.object)}`);
    if (objects.indexOf(o) > jobIndex)
      problems.push(`${ref(o)}: rendered after the migration Job it is needed by`);
  }
  return problems;
}

/** Each database: a ScheduledBackup, continuous archiving to object storage, and at least `minInstances` instances. */
export function checkDatabases(objects: K8sObject[], options: { minInstances?: number } = {}): Problems {
  const problems: Problems = [];
  const clusters = objects.filter((o) => o.kind === 'Cluster');
  if (clusters.length !== 2)
    problems.push(`expected two CloudNativePG Clusters (primary and audit), found ${clusters.length}`);
  for (const c of clusters) {
    if (Number(get(c, 'spec.instances')) < (options.minInstances ?? 1))
      problems.push(
        `${ref(c)}: ${String(get(c, 'spec.instances'))} instances, need at least ${options.minInstances ?? 1} (primary + replicas)`,
      );
    if (get(c, 'spec.backup.barmanObjectStore') === undefined)
      problems.push(`${ref(c)}: no barmanObjectStore backup`);
    if (get(c, 'spec.backup.retentionPolicy') === undefined)
      problems.push(`${ref(c)}: no backup retentionPolicy`);
    if (!objects.some((o) => o.kind === 'ScheduledBackup' && get(o, 'spec.cluster.name') === c.metadata.name))
      problems.push(`${ref(c)}: no ScheduledBackup`);
  }
  return problems;
}

/** The public URLs the processes announce agree with the Ingress hosts; no placeholder host is left. */
export function checkPublicHosts(objects: K8sObject[]): Problems {
  const problems: Problems = [];
  const walk = (value: unknown, path: string, o: K8sObject): void => {
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}.${i}`, o));
    else if (isRecord(value)) Object.entries(value).forEach(([k, v]) => walk(v, `${path}.${k}`, o));
    else if (typeof value === 'string' && /\.invalid\b/.test(value))
      problems.push(`${ref(o)}: ${path} still holds a placeholder .invalid host`);
  };
  objects.forEach((o) => walk(o, '', o));
  const hostFor = (service: string): string | undefined => {
    for (const ingress of objects.filter((o) => o.kind === 'Ingress')) {
      for (const rule of asArray(get(ingress, 'spec.rules'))) {
        if (asArray(get(rule, 'http.paths')).some((p) => get(p, 'backend.service.name') === service))
          return String(get(rule, 'host'));
      }
    }
    return undefined;
  };
  const config = asRecord(
    objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'oversing-config')?.data,
  );
  const app = hostFor('web');
  const certification = hostFor('certification');
  const realtime = hostFor('realtime');
  if (app === undefined || hostFor('api') !== app)
    problems.push('the PWA and the API must share the app host');
  const expect = (key: string, value: string): void => {
    if (config[key] !== value)
      problems.push(`ConfigMap/oversing-config: ${key} is ${String(config[key])}, the ingress says ${value}`);
  };
  expect('PUBLIC_WEB_URL', `https://${app}`);
  expect('PUBLIC_API_URL', `https://${app}`);
  expect('OAUTH_ISSUER', `https://${app}`);
  expect('PUBLIC_CERTIFICATION_URL', `https://${certification}`);
  expect('PUBLIC_REALTIME_HOST', String(realtime));
  expect('PUBLIC_REALTIME_PORT', '443');
  expect('PUBLIC_REALTIME_SCHEME', 'wss');
  if (!String(config.CORS_ORIGINS).split(',').includes(`https://${app}`))
    problems.push('ConfigMap/oversing-config: CORS_ORIGINS does not allow the app host');
  return problems;
}

/**
 * Connections at full scale fit each database: for every Deployment whose DATABASE_URL or
 * AUDIT_DATABASE_URL (through its ExternalSecret template) points at a cluster's -rw Service, HPA
 * maxReplicas x the pool size it sets must stay under max_connections, less superuser_reserved (3) and
 * a margin of 10 for the operator, replication and the migration job.
 */
export function checkConnectionBudget(objects: K8sObject[]): Problems {
  const problems: Problems = [];
  const pools: Record<string, string> = {
    DATABASE_URL: 'DATABASE_POOL_SIZE',
    AUDIT_DATABASE_URL: 'AUDIT_DATABASE_POOL_SIZE',
  };
  for (const cluster of objects.filter((o) => o.kind === 'Cluster')) {
    const limit = Number(get(cluster, 'spec.postgresql.parameters.max_connections') ?? 100) - 3 - 10;
    let total = 0;
    for (const w of deployments(objects)) {
      const hpa = objects.find(
        (h) =>
          h.kind === 'HorizontalPodAutoscaler' &&
          get(h, 'spec.scaleTargetRef.name') === w.object.metadata.name,
      );
      const replicas = Number(get(hpa, 'spec.maxReplicas') ?? 1);
      for (const c of w.containers) {
        for (const [variable, poolVariable] of Object.entries(pools)) {
          const r = get(
            asArray(c.env).find((e) => get(e, 'name') === variable),
            'valueFrom.secretKeyRef',
          );
          if (!isRecord(r)) continue;
          const source = objects.find(
            (o) => o.kind === 'ExternalSecret' && get(o, 'spec.target.name') === r.name,
          );
          const template = String(get(source, `spec.target.template.data.${String(r.key)}`));
          if (!template.includes(`@${cluster.metadata.name}-rw:`)) continue;
          const pool = Number(
            get(
              asArray(c.env).find((e) => get(e, 'name') === poolVariable),
              'value',
            ),
          );
          if (!Number.isInteger(pool) || pool < 1) {
            problems.push(
              `${ref(w.object)}: ${poolVariable} must be set to size its share of ${cluster.metadata.name}`,
            );
            continue;
          }
          total += replicas * pool;
        }
      }
    }
    if (total > limit) {
      problems.push(
        `${ref(cluster)}: ${total} pooled connections at full scale exceed max_connections less reserve (${limit})`,
      );
    }
  }
  return problems;
}

/** Every rule above, for a rendered environment. */
export function checkAll(
  objects: K8sObject[],
  options: { clusterIssuers: string[]; minReplicas?: number; minInstances?: number; unscraped?: string[] },
): Problems {
  return [
    ...validateSchemas(objects),
    ...checkProbes(objects),
    ...checkResources(objects),
    ...checkSecurityContext(objects),
    ...checkNoLiteralSecrets(objects),
    ...checkSecretReferences(objects),
    ...checkAutoscalingAndDisruption(objects, options),
    ...checkWiring(objects),
    ...checkDatabaseIsolation(objects),
    ...checkIngressTls(objects, options.clusterIssuers),
    ...checkImages(objects),
    ...checkMigrationJob(objects),
    ...checkDatabases(objects, options),
    ...checkConnectionBudget(objects),
    ...checkPublicHosts(objects),
  ];
}
