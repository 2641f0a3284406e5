import { Principal } from '../context/request-context';

export type AuthorizationDecision = 'allow' | 'deny' | 'not_found';

export interface ResourceContext {
  type: string;
  id: string;
}

/** Decides whether a principal holds a permission, tenant-wide or on a given resource. One per app. */
export interface Authorizer {
  authorize(
    principal: Principal,
    permission: string,
    resource?: ResourceContext,
  ): Promise<AuthorizationDecision>;
}

export const AUTHORIZER = Symbol('AUTHORIZER');
export const ACCESS_TOKEN_VERIFIER = Symbol('ACCESS_TOKEN_VERIFIER');

/** `tasks:write` needs the scope `tasks:write`; finer permissions (`certifications:revoke`) need `<resource>:write`. */
export function scopeFor(permission: string): string {
  const [resource, action] = permission.split(':');
  return `${resource}:${action === 'read' ? 'read' : 'write'}`;
}

/** The resources that have OAuth scopes (SYSTEM.md). Other permissions (administration) are never delegated. */
export const SCOPED_RESOURCES = [
  'tasks',
  'programs',
  'workflows',
  'work-logs',
  'financial',
  'certifications',
  'audit',
  'users',
];

/** A token's scopes bound what its client may do; a write scope implies read. */
export function scopesAllow(
  scopes: string[],
  permission: string,
  kind: 'user' | 'client' = 'client',
): boolean {
  const needed = scopeFor(permission);
  if (!SCOPED_RESOURCES.includes(needed.split(':')[0])) return kind === 'user';
  if (scopes.includes(needed)) return true;
  const [resource, action] = needed.split(':');
  return action === 'read' && scopes.includes(`${resource}:write`);
}
