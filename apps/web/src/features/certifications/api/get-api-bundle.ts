import { ApiError } from '@/lib/api-error';
import { api } from '@/lib/api-client';

/** GET /api/v1/certifications/{id}/bundle on the API: the bundle as is (no envelope), verifiable offline. */
export async function getApiBundle(id: string): Promise<unknown> {
  let result: { data?: unknown; error?: unknown; response: Response };
  try {
    result = await api().GET('/api/v1/certifications/{id}/bundle', { params: { path: { id } } });
  } catch (cause) {
    throw ApiError.network(cause);
  }
  if (!result.response.ok) throw ApiError.fromBody(result.response.status, result.error);
  return result.data;
}
