import { unwrap } from '@/lib/api-client';
import { certificationApi } from '@/lib/certification-client';

/** GET /api/v1/certifications/{id}/bundle: the self-contained bundle for offline verification. */
export async function getBundle(id: string): Promise<unknown> {
  return (
    await unwrap<unknown>(
      certificationApi().GET('/api/v1/certifications/{id}/bundle', { params: { path: { id } } }),
    )
  ).data;
}
