import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

/** GET /api/v1/roles. Response fields named here: the spec has no schema for them yet. */
export interface RoleRow {
  id: string;
  key: string;
  name: string;
  description: string | null;
  inherits: string | null;
  permissions: string[];
  /** false for the tenant's custom roles */
  system?: boolean;
}

export async function listRoles(): Promise<RoleRow[]> {
  return (await unwrap<RoleRow[]>(api().GET('/api/v1/roles'))).data;
}

export const rolesQuery = queryOptions({ queryKey: ['roles'], queryFn: listRoles });

export function useRoles() {
  return useQuery(rolesQuery);
}
