/**
 * A small kustomize-equivalent renderer for k8s/, so the manifest tests need no kustomize binary.
 *
 * It implements exactly the kustomization features k8s/ uses, with kustomize's semantics, and throws on
 * anything else rather than silently rendering something different:
 * - `resources`: local files (multi-document YAML) and directories holding a kustomization.yaml;
 * - `patches`: strategic-merge patches (from a file or inline; one or more documents; the target is the
 *   patch's own kind/name, or `target`) and JSON 6902 patches (add, remove, replace) with a `target`
 *   selected by group, version, kind and name (a regular expression, as in kustomize);
 * - `namespace` (metadata.namespace of every object; cluster-scoped kinds are refused);
 * - `labels` with `includeSelectors: false` (metadata.labels, and pod template labels of workloads when
 *   `includeTemplates: true`);
 * - `images` (name, newName, newTag, digest) on every `containers`/`initContainers` list;
 * - `sortOptions: { order: fifo }` (objects in the order the resources are listed).
 * Transformers run in kustomize's order: patches, namespace, labels, images.
 * Strategic merge: maps merge recursively and `null` deletes a key; for built-in kinds the lists with a
 * Kubernetes patch merge key (containers, initContainers, env, volumes, imagePullSecrets by name,
 * volumeMounts by mountPath, container ports by containerPort, Service ports by port) merge item by item,
 * every other list is replaced; custom resources get JSON merge-patch semantics (lists replaced).
 * tools/manifests/render.spec.ts compares the output with `kubectl kustomize` wherever that binary exists.
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [key: string]: unknown;
}

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

export type JsonRecord = Record<string, unknown>;

interface Selector {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
}

interface PatchEntry {
  path?: string;
  patch?: string;
  target?: Selector;
}

interface LabelEntry {
  pairs: Record<string, string>;
  includeSelectors?: boolean;
  includeTemplates?: boolean;
}

interface ImageEntry {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

interface Kustomization {
  resources?: string[];
  namespace?: string;
  labels?: LabelEntry[];
  images?: ImageEntry[];
  patches?: PatchEntry[];
  sortOptions?: { order: string };
}

const SUPPORTED_FIELDS = new Set([
  'apiVersion',
  'kind',
  'resources',
  'namespace',
  'labels',
  'images',
  'patches',
  'sortOptions',
]);

/** Kinds whose namespace handling in kustomize is more than metadata.namespace; refused here. */
const NAMESPACE_UNSUPPORTED = new Set([
  'Namespace',
  'CustomResourceDefinition',
  'ClusterRole',
  'ClusterRoleBinding',
  'RoleBinding',
  'ClusterIssuer',
  'ClusterSecretStore',
  'PersistentVolume',
  'StorageClass',
  'PriorityClass',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'APIService',
]);

const BUILTIN_GROUPS = new Set(['', 'apps', 'batch', 'autoscaling', 'policy', 'networking.k8s.io']);

/** Workload kinds whose pod template labels `includeTemplates` extends. */
const TEMPLATE_KINDS = new Set([
  'apps/Deployment',
  'apps/StatefulSet',
  'apps/DaemonSet',
  'apps/ReplicaSet',
  'batch/Job',
]);

export class RenderError extends Error {}

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
}

export function versionOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.slice(apiVersion.indexOf('/') + 1) : apiVersion;
}

export function objectId(o: K8sObject): string {
  return `${groupOf(o.apiVersion) || 'core'}/${o.kind}/${o.metadata.namespace ?? '~'}/${o.metadata.name}`;
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

/** Parses every document of a YAML stream (empty documents skipped). */
export function parseYamlDocuments(text: string, source: string): unknown[] {
  const documents = parseAllDocuments(text);
  const values: unknown[] = [];
  for (const document of documents) {
    if (document.errors.length > 0) {
      throw new RenderError(`${source}: ${document.errors.map((e) => e.message).join('; ')}`);
    }
    const value: unknown = document.toJS();
    if (value !== null && value !== undefined) values.push(value);
  }
  return values;
}

function toObject(value: unknown, source: string): K8sObject {
  if (
    !isRecord(value) ||
    typeof value.apiVersion !== 'string' ||
    typeof value.kind !== 'string' ||
    !isRecord(value.metadata) ||
    typeof value.metadata.name !== 'string'
  ) {
    throw new RenderError(`${source}: every resource needs apiVersion, kind and metadata.name`);
  }
  return value as K8sObject;
}

function loadKustomization(dir: string): Kustomization {
  const file = resolve(dir, 'kustomization.yaml');
  const [value, ...rest] = parseYamlDocuments(readFileSync(file, 'utf8'), file);
  if (!isRecord(value) || rest.length > 0) throw new RenderError(`${file}: expected one mapping`);
  for (const key of Object.keys(value)) {
    if (!SUPPORTED_FIELDS.has(key))
      throw new RenderError(`${file}: kustomization field "${key}" is not supported`);
  }
  if (value.kind !== undefined && value.kind !== 'Kustomization')
    throw new RenderError(`${file}: kind must be Kustomization`);
  return value as Kustomization;
}

/** Renders the kustomization in `dir` (the root of the build) to its list of objects. */
export function renderKustomization(dir: string): K8sObject[] {
  return build(resolve(dir), true);
}

function build(dir: string, isRoot: boolean): K8sObject[] {
  const kustomization = loadKustomization(dir);
  const order = kustomization.sortOptions?.order;
  if (order !== undefined && order !== 'fifo')
    throw new RenderError(`${dir}: sortOptions.order "${order}" is not supported`);
  if (isRoot && order !== 'fifo') {
    throw new RenderError(
      `${dir}: kustomize's default (legacy) ordering is not implemented; set sortOptions.order: fifo`,
    );
  }

  let objects: K8sObject[] = [];
  for (const entry of kustomization.resources ?? []) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(entry) || entry.startsWith('github.com/')) {
      throw new RenderError(`${dir}: remote resource "${entry}" is not supported`);
    }
    const path = resolve(dir, entry);
    if (statSync(path).isDirectory()) {
      objects.push(...build(path, false));
    } else {
      objects.push(...parseYamlDocuments(readFileSync(path, 'utf8'), path).map((v) => toObject(v, path)));
    }
  }
  assertUniqueIds(objects, dir);

  for (const entry of kustomization.patches ?? []) objects = applyPatchEntry(objects, entry, dir);
  if (kustomization.namespace !== undefined) setNamespace(objects, kustomization.namespace);
  for (const entry of kustomization.labels ?? []) applyLabels(objects, entry, dir);
  for (const entry of kustomization.images ?? []) applyImage(objects, entry);
  assertUniqueIds(objects, dir);
  return objects;
}

function assertUniqueIds(objects: K8sObject[], dir: string): void {
  const seen = new Set<string>();
  for (const o of objects) {
    const id = objectId(o);
    if (seen.has(id)) throw new RenderError(`${dir}: duplicate resource ${id}`);
    seen.add(id);
  }
}

// ---------------------------------------------------------------------------------------------- patches

function matches(o: K8sObject, selector: Selector, nameIsPattern: boolean): boolean {
  if (selector.group !== undefined && groupOf(o.apiVersion) !== selector.group) return false;
  if (selector.version !== undefined && versionOf(o.apiVersion) !== selector.version) return false;
  if (selector.kind !== undefined && o.kind !== selector.kind) return false;
  if (selector.namespace !== undefined && o.metadata.namespace !== selector.namespace) return false;
  if (selector.name !== undefined) {
    if (
      nameIsPattern
        ? !new RegExp(`^(?:${selector.name})$`).test(o.metadata.name)
        : o.metadata.name !== selector.name
    ) {
      return false;
    }
  }
  return true;
}

function checkSelector(selector: JsonRecord, dir: string): Selector {
  for (const key of Object.keys(selector)) {
    if (!['group', 'version', 'kind', 'name', 'namespace'].includes(key)) {
      throw new RenderError(`${dir}: patch target field "${key}" is not supported`);
    }
  }
  return selector as Selector;
}

function applyPatchEntry(objects: K8sObject[], entry: PatchEntry, dir: string): K8sObject[] {
  for (const key of Object.keys(entry)) {
    if (!['path', 'patch', 'target'].includes(key))
      throw new RenderError(`${dir}: patch field "${key}" is not supported`);
  }
  if ((entry.path === undefined) === (entry.patch === undefined)) {
    throw new RenderError(`${dir}: a patch needs exactly one of path and patch`);
  }
  const source = entry.path !== undefined ? resolve(dir, entry.path) : `${dir} (inline patch)`;
  const text = entry.path !== undefined ? readFileSync(source, 'utf8') : (entry.patch ?? '');
  const documents = parseYamlDocuments(text, source);
  const target = isRecord(entry.target) ? checkSelector(entry.target, dir) : undefined;

  if (documents.length === 1 && Array.isArray(documents[0])) {
    if (target === undefined) throw new RenderError(`${source}: a JSON 6902 patch needs a target`);
    const operations = documents[0];
    let hits = 0;
    const result = objects.map((o) => {
      if (!matches(o, target, true)) return o;
      hits += 1;
      return applyJson6902(o, operations, source);
    });
    if (hits === 0) throw new RenderError(`${source}: the patch target matches no resource`);
    return result;
  }

  let result = objects;
  for (const document of documents) {
    if (!isRecord(document)) throw new RenderError(`${source}: a strategic-merge patch must be a mapping`);
    rejectDirectives(document, source);
    let selector: Selector;
    if (target !== undefined) {
      selector = target;
    } else {
      const patch = toObject(document, source);
      selector = {
        group: groupOf(patch.apiVersion),
        version: versionOf(patch.apiVersion),
        kind: patch.kind,
        name: patch.metadata.name,
        ...(patch.metadata.namespace !== undefined ? { namespace: patch.metadata.namespace } : {}),
      };
    }
    let hits = 0;
    result = result.map((o) => {
      if (!matches(o, selector, target !== undefined)) return o;
      hits += 1;
      return strategicMerge(o, document);
    });
    if (hits === 0)
      throw new RenderError(`${source}: patch for ${selector.kind}/${selector.name} matches no resource`);
  }
  return result;
}

function rejectDirectives(value: unknown, source: string): void {
  if (Array.isArray(value)) {
    value.forEach((item) => rejectDirectives(item, source));
  } else if (isRecord(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (key.startsWith('$'))
        throw new RenderError(`${source}: strategic-merge directive "${key}" is not supported`);
      rejectDirectives(child, source);
    }
  }
}

function mergeKeyFor(path: string[], field: string): string | undefined {
  switch (field) {
    case 'containers':
    case 'initContainers':
    case 'ephemeralContainers':
    case 'volumes':
    case 'env':
    case 'imagePullSecrets':
      return 'name';
    case 'volumeMounts':
      return 'mountPath';
    case 'ports':
      return path.some((p) => p === 'containers' || p === 'initContainers') ? 'containerPort' : 'port';
    default:
      return undefined;
  }
}

function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (isRecord(value)) {
    const out: JsonRecord = {};
    for (const [key, child] of Object.entries(value)) if (child !== null) out[key] = withoutNulls(child);
    return out;
  }
  return value;
}

function mergeMaps(base: JsonRecord, patch: JsonRecord, path: string[], builtin: boolean): JsonRecord {
  const out: JsonRecord = { ...base };
  for (const [key, patchValue] of Object.entries(patch)) {
    if (patchValue === null) {
      delete out[key];
      continue;
    }
    const baseValue = out[key];
    if (isRecord(baseValue) && isRecord(patchValue)) {
      out[key] = mergeMaps(baseValue, patchValue, [...path, key], builtin);
    } else if (
      Array.isArray(baseValue) &&
      Array.isArray(patchValue) &&
      builtin &&
      mergeKeyFor(path, key) !== undefined
    ) {
      out[key] = mergeList(baseValue, patchValue, mergeKeyFor(path, key) ?? '', [...path, key]);
    } else {
      out[key] = withoutNulls(clone(patchValue));
    }
  }
  return out;
}

function mergeList(base: unknown[], patch: unknown[], mergeKey: string, path: string[]): unknown[] {
  const out = base.map((item) => clone(item));
  for (const item of patch) {
    if (!isRecord(item) || item[mergeKey] === undefined) {
      throw new RenderError(`strategic merge: an item of ${path.join('.')} has no merge key "${mergeKey}"`);
    }
    const index = out.findIndex((existing) => isRecord(existing) && existing[mergeKey] === item[mergeKey]);
    if (index >= 0) out[index] = mergeMaps(out[index] as JsonRecord, item, path, true);
    else out.push(withoutNulls(clone(item)));
  }
  return out;
}

/** Strategic merge of `patch` into `target`; the patch's identity fields are not merged. */
export function strategicMerge(target: K8sObject, patch: JsonRecord): K8sObject {
  const body: JsonRecord = { ...patch };
  delete body.apiVersion;
  delete body.kind;
  if (isRecord(body.metadata)) {
    const metadata: JsonRecord = { ...body.metadata };
    delete metadata.name;
    delete metadata.namespace;
    body.metadata = metadata;
  }
  const builtin = BUILTIN_GROUPS.has(groupOf(target.apiVersion));
  return mergeMaps(target, body, [], builtin) as K8sObject;
}

function pointerTokens(pointer: string, source: string): string[] {
  if (!pointer.startsWith('/'))
    throw new RenderError(`${source}: JSON pointer "${pointer}" must start with /`);
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Applies RFC 6902 add, remove and replace operations. */
export function applyJson6902(target: K8sObject, operations: unknown[], source: string): K8sObject {
  const document = clone(target) as unknown as JsonRecord;
  for (const operation of operations) {
    if (!isRecord(operation) || typeof operation.op !== 'string' || typeof operation.path !== 'string') {
      throw new RenderError(`${source}: every JSON 6902 operation needs op and path`);
    }
    const { op } = operation;
    if (op !== 'add' && op !== 'remove' && op !== 'replace') {
      throw new RenderError(`${source}: JSON 6902 operation "${op}" is not supported`);
    }
    const tokens = pointerTokens(operation.path, source);
    const last = tokens.pop() as string;
    let parent: unknown = document;
    for (const token of tokens) {
      parent = Array.isArray(parent) ? parent[Number(token)] : isRecord(parent) ? parent[token] : undefined;
      if (parent === undefined) throw new RenderError(`${source}: path ${operation.path} does not exist`);
    }
    if (Array.isArray(parent)) {
      const index = last === '-' ? parent.length : Number(last);
      if (
        !Number.isInteger(index) ||
        index < 0 ||
        index > parent.length ||
        (op !== 'add' && index >= parent.length)
      ) {
        throw new RenderError(`${source}: index in ${operation.path} is out of range`);
      }
      if (op === 'add') parent.splice(index, 0, clone(operation.value));
      else if (op === 'replace') parent[index] = clone(operation.value);
      else parent.splice(index, 1);
    } else if (isRecord(parent)) {
      if (op !== 'add' && !(last in parent))
        throw new RenderError(`${source}: path ${operation.path} does not exist`);
      if (op === 'remove') delete parent[last];
      else parent[last] = clone(operation.value);
    } else {
      throw new RenderError(`${source}: path ${operation.path} does not exist`);
    }
  }
  return document as unknown as K8sObject;
}

// ----------------------------------------------------------------------------------- other transformers

function setNamespace(objects: K8sObject[], namespace: string): void {
  for (const o of objects) {
    if (NAMESPACE_UNSUPPORTED.has(o.kind)) {
      throw new RenderError(`namespace transformer on ${o.kind}/${o.metadata.name} is not supported`);
    }
    o.metadata.namespace = namespace;
  }
}

function applyLabels(objects: K8sObject[], entry: LabelEntry, dir: string): void {
  for (const key of Object.keys(entry)) {
    if (!['pairs', 'includeSelectors', 'includeTemplates'].includes(key)) {
      throw new RenderError(`${dir}: labels field "${key}" is not supported`);
    }
  }
  if (entry.includeSelectors === true)
    throw new RenderError(`${dir}: labels with includeSelectors: true are not supported`);
  for (const o of objects) {
    o.metadata.labels = { ...(o.metadata.labels ?? {}), ...entry.pairs };
    if (!entry.includeTemplates) continue;
    if (o.kind === 'CronJob' || o.kind === 'ReplicationController') {
      throw new RenderError(`labels.includeTemplates on ${o.kind} is not supported`);
    }
    if (!TEMPLATE_KINDS.has(`${groupOf(o.apiVersion)}/${o.kind}`)) continue;
    const spec = (o.spec ??= {}) as JsonRecord;
    const template = (spec.template ??= {}) as JsonRecord;
    const metadata = (template.metadata ??= {}) as JsonRecord;
    metadata.labels = { ...((metadata.labels as Record<string, string> | undefined) ?? {}), ...entry.pairs };
  }
}

export interface ImageReference {
  name: string;
  tag?: string;
  digest?: string;
}

export function parseImage(image: string): ImageReference {
  const at = image.indexOf('@');
  const digest = at >= 0 ? image.slice(at + 1) : undefined;
  const rest = at >= 0 ? image.slice(0, at) : image;
  const colon = rest.lastIndexOf(':');
  const hasTag = colon > rest.lastIndexOf('/');
  return {
    name: hasTag ? rest.slice(0, colon) : rest,
    ...(hasTag ? { tag: rest.slice(colon + 1) } : {}),
    ...(digest !== undefined ? { digest } : {}),
  };
}

function applyImage(objects: K8sObject[], entry: ImageEntry): void {
  const rewrite = (image: string): string => {
    const current = parseImage(image);
    if (current.name !== entry.name) return image;
    const name = entry.newName ?? current.name;
    if (entry.digest !== undefined) return `${name}@${entry.digest}`;
    if (entry.newTag !== undefined) return `${name}:${entry.newTag}`;
    return `${name}${current.tag !== undefined ? `:${current.tag}` : ''}${current.digest !== undefined ? `@${current.digest}` : ''}`;
  };
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(walk);
      return;
    }
    if (!isRecord(value)) return;
    for (const [key, child] of Object.entries(value)) {
      if ((key === 'containers' || key === 'initContainers') && Array.isArray(child)) {
        for (const container of child) {
          if (isRecord(container) && typeof container.image === 'string')
            container.image = rewrite(container.image);
        }
      }
      walk(child);
    }
  };
  objects.forEach(walk);
}
