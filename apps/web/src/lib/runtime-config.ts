import { queryOptions } from '@tanstack/react-query';
// zod's mini build (tree-shakeable): this runs before the first screen, so it carries only what it uses
import * as z from 'zod/v4-mini';
import { env } from '@/config/env';
import { ApiError } from '@/lib/api-error';

/**
 * What the PWA needs to find the services: the API origin from the web server (/web-config.json, falling
 * back to the build-time VITE_API_URL), then the API's public GET /api/v1/config. Validated here because
 * the API documents that response without a schema.
 */
const webConfigSchema = z.object({ api_url: z.url() });

const runtimeConfigSchema = z.object({
  api_url: z.url(),
  certification_url: z.url(),
  oauth: z.object({
    issuer: z.url(),
    client_id: z.string().check(z.minLength(1)),
    api_audience: z.string().check(z.minLength(1)),
    certification_audience: z.string().check(z.minLength(1)),
  }),
  realtime: z.object({
    host: z.string(),
    port: z.number(),
    scheme: z.string(),
    key: z.string(),
    auth_endpoint: z.url(),
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

const STORAGE_KEY = 'oversing.runtime-config';

function remembered(): RuntimeConfig | undefined {
  try {
    const parsed = runtimeConfigSchema.safeParse(JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null'));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The configuration from the network, remembered in localStorage; offline (or with the API unreachable)
 * the remembered copy, so an app reopened without a network starts as it was last configured. It holds
 * only public values (URLs, the client id, the realtime key).
 */
export async function fetchRuntimeConfig(): Promise<RuntimeConfig> {
  try {
    const config = await fetchRuntimeConfigFromNetwork();
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(config));
    } catch {
      // storage full or disabled: the app still works online
    }
    return config;
  } catch (error) {
    const fallback = error instanceof ApiError && error.status === 0 ? remembered() : undefined;
    if (fallback) return fallback;
    throw error;
  }
}

async function fetchRuntimeConfigFromNetwork(): Promise<RuntimeConfig> {
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
