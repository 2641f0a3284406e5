import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

/**
 * GET /api/v1/users/me. The spec (docs/openapi/api.json) documents no response schema yet, so the fields
 * this screen reads are named here; replace with the generated type once the API documents it.
 */
export interface Me {
  kind: 'user' | 'client';
  id?: string;
  email?: string;
  name?: string;
  roles?: string[];
  scopes?: string[];
  /** permissions held tenant-wide, within the token's scopes (`tasks:read`, `audit:read`, …) */
  permissions?: string[];
  /** permissions held only on some programs or tasks */
  context_permissions?: string[];
}

/**
 * Whether the user holds a permission: tenant-wide, or (unless `tenantWide`) on some program or task.
 * Endpoints without a resource (the audit trail, administration) need it tenant-wide.
 */
export function mayUse(me: Me, permission: string, { tenantWide = false } = {}): boolean {
  if (me.kind === 'client') return me.scopes?.includes(permission) ?? false;
  if (me.permissions?.includes(permission)) return true;
  return !tenantWide && (me.context_permissions?.includes(permission) ?? false);
}

export async function getMe(): Promise<Me> {
  return (await unwrap<Me>(api().GET('/api/v1/users/me'))).data;
}

export const meQuery = queryOptions({ queryKey: ['users', 'me'], queryFn: getMe });

export function useMe() {
  return useQuery(meQuery);
}
