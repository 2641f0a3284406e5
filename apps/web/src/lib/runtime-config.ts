import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import { env } from '@/config/env';
import { ApiError } from '@/lib/api-error';

/**
 * What the PWA needs to find the services: the API origin from the web server (/web-config.json, falling
 * back to the build-time VITE_API_URL), then the API's public GET /api/v1/config. Validated here because
 * the API documents that response without a schema.
 */
const webConfigSchema = z.object({ api_url: z.string().url() });

const runtimeConfigSchema = z.object({
  api_url: z.string().url(),
  certification_url: z.string().url(),
  oauth: z.object({
    issuer: z.string().url(),
    client_id: z.string().min(1),
    api_audience: z.string().min(1),
    certification_audience: z.string().min(1),
  }),
  realtime: z.object({
    host: z.string(),
    port: z.number(),
    scheme: z.string(),
    key: z.string(),
    auth_endpoint: z.string().url(),
  }),
});

export type RuntimeConfig = z.infer<typeof runtimeConfigSchema>;

async function fetchJson(url: string): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json' } });
  } catch (cause) {
    throw ApiError.network(cause);
  }
  if (!response.ok) throw await ApiError.fromResponse(response);
  return response.json();
}

export async function fetchRuntimeConfig(): Promise<RuntimeConfig> {
  let apiUrl = env.VITE_API_URL;
  try {
    const web = webConfigSchema.safeParse(await fetchJson('/web-config.json'));
    if (web.success) apiUrl = web.data.api_url;
  } catch {
    // served without the web server (vite preview): keep the build-time URL
  }
  const body = (await fetchJson(`${apiUrl.replace(/\/$/, '')}/api/v1/config`)) as { data?: unknown };
  return runtimeConfigSchema.parse(body.data);
}

export const runtimeConfigQuery = queryOptions({
  queryKey: ['runtime-config'],
  queryFn: fetchRuntimeConfig,
  staleTime: Infinity,
  gcTime: Infinity,
  retry: 1,
  // offline, the service worker answers from its cache; a pause until online would leave a blank page
  networkMode: 'always',
});
