import { queryOptions, useQuery } from '@tanstack/react-query';
import { getApiBundle } from '@/features/certifications/api/get-api-bundle';

/** What was certified: the model's input and output, or null once the content was erased. */
export interface CertifiedContent {
  input: unknown;
  output: unknown;
}

/**
 * The certified input and output, read from the certificate bundle (GET /api/v1/certifications/{id}/bundle
 * on the API), which carries them until they are erased; the bundle then omits both and this is null.
 */
export async function getCertificationContent(id: string): Promise<CertifiedContent | null> {
  const bundle = (await getApiBundle(id)) as { input?: unknown; output?: unknown } | null;
  if (!bundle || !('output' in bundle) || bundle.output === undefined) return null;
  return { input: bundle.input ?? null, output: bundle.output };
}

export const certificationContentQuery = (id: string) =>
  queryOptions({
    queryKey: ['certifications', 'content', id],
    queryFn: () => getCertificationContent(id),
    // a certified output never changes; only erasure removes it (a status event refreshes the key)
    staleTime: 60_000,
  });

export function useCertificationContent(id: string | null) {
  return useQuery({ ...certificationContentQuery(id ?? ''), enabled: !!id });
}
