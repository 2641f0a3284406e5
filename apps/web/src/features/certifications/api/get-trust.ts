import { queryOptions } from '@tanstack/react-query';
import { ApiError } from '@/lib/api-error';
import { certificationApi } from '@/lib/certification-client';

/**
 * GET /api/v1/trust (public, sent as is, not enveloped): log verifier key, certificate keys and TSA
 * certificate, to verify bundles against.
 */
export async function getTrust(): Promise<unknown> {
  let result: { data?: unknown; error?: unknown; response: Response };
  try {
    result = await certificationApi().GET('/api/v1/trust');
  } catch (cause) {
    throw ApiError.network(cause);
  }
  if (!result.response.ok) throw ApiError.fromBody(result.response.status, result.error);
  return result.data;
}

export const trustQuery = queryOptions({
  queryKey: ['certification-trust'],
  queryFn: getTrust,
  staleTime: 300_000,
});
