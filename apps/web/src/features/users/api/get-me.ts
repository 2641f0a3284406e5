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
}

export async function getMe(): Promise<Me> {
  return (await unwrap<Me>(api().GET('/api/v1/users/me'))).data;
}

export const meQuery = queryOptions({ queryKey: ['users', 'me'], queryFn: getMe });

export function useMe() {
  return useQuery(meQuery);
}
