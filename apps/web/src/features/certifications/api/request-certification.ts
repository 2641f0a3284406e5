import { useMutation, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '@/lib/api-client';
import { certificationApi } from '@/lib/certification-client';
import type { components } from '@/lib/generated/certification';
import type { Certification } from '@/features/certifications/api/list-certifications';

// docs/openapi/certification.json types input and output (any JSON value) as empty objects
export type CertifyInput = Omit<components['schemas']['CertifyDto'], 'input' | 'output'> & {
  input: unknown;
  output: unknown;
};

/** POST /api/v1/certifications: evaluate an LLM output against a policy, sign and log the certificate. */
export async function requestCertification(input: CertifyInput): Promise<Certification> {
  return (
    await unwrap<Certification>(
      certificationApi().POST('/api/v1/certifications', {
        body: input as components['schemas']['CertifyDto'],
      }),
    )
  ).data;
}

export function useRequestCertification() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: requestCertification,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['certifications'] }),
  });
}
