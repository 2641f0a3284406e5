import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '@/lib/api-error';

/** Reads retry twice on network errors and 5xx, never on a 4xx; data is fresh for 30 s. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (count, error) =>
          count < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
        networkMode: 'offlineFirst',
      },
      mutations: { networkMode: 'always' },
    },
  });
}
