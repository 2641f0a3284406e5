import { resolve } from 'node:path';

/** Repository paths used by the manifest tests (run from the repository root, as `npx vitest run` is). */
export const REPO_ROOT = resolve(process.cwd());
export const K8S_DIR = resolve(REPO_ROOT, 'k8s');
export const DOCKER_DIR = resolve(REPO_ROOT, 'docker');
export const OPS_DIR = resolve(REPO_ROOT, 'ops');
