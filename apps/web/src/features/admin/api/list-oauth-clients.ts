import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

/** GET /api/v1/oauth-clients. Response fields named here: the spec has no schema for them yet. */
export interface OAuthClientRow {
  client_id: string;
  name: string;
  grant_types: string[];
  scopes: string[];
  created_at: string;
}

export async function listOAuthClients(): Promise<OAuthClientRow[]> {
  return (await unwrap<OAuthClientRow[]>(api().GET('/api/v1/oauth-clients'))).data;
}

export const oauthClientsQuery = queryOptions({ queryKey: ['oauth-clients'], queryFn: listOAuthClients });

export function useOAuthClients() {
  return useQuery(oauthClientsQuery);
}
