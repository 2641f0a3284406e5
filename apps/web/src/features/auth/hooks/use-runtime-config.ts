import { useSuspenseQuery } from '@tanstack/react-query';
import { runtimeConfigQuery } from '@/lib/runtime-config';

/** The runtime configuration, loaded before the first render (main.tsx). */
export function useRuntimeConfig() {
  return useSuspenseQuery(runtimeConfigQuery).data;
}
