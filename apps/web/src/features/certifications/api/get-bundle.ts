import { ApiError } from '@/lib/api-error';
import { certificationApi } from '@/lib/certification-client';

/**
 * GET /api/v1/certifications/{id}/bundle: the self-contained bundle for offline verification, sent as is
 * (not enveloped) so the downloaded file verifies with `npm run verify` unchanged.
 */
export async function getBundle(id: string): Promise<unknown> {
  let result: { data?: unknown; error?: unknown; response: Response };
  try {
    result = await certificationApi().GET('/api/v1/certifications/{id}/bundle', { params: { path: { id } } });
  } catch (cause) {
    throw ApiError.network(cause);
  }
  if (!result.response.ok) throw ApiError.fromBody(result.response.status, result.error);
  return result.data;
}
