import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { authorizeRequest, dropAccessToken, SignedOutError } from '@/lib/auth/session';
import { ApiError } from '@/lib/api-error';
import type { paths } from '@/lib/generated/api';
import type { RuntimeConfig } from '@/lib/runtime-config';

/**
 * The typed API client (openapi-fetch over the types generated from docs/openapi/api.json). A middleware
 * adds the DPoP-bound access token and its proof; a 401 drops the cached token and retries once with a fresh one.
 */
let client: Client<paths> | undefined;

const auth: Middleware = {
  async onRequest({ request }) {
    try {
      await authorizeRequest(request);
    } catch (error) {
      if (error instanceof SignedOutError || navigator.onLine) throw error;
      // offline after a reload there is no access token (they live in memory) and none can be had: send
      // the read without one, so the service worker answers it from its cache
    }
    return request;
  },
};

export function configureApiClient(config: RuntimeConfig): void {
  client = createClient<paths>({
    baseUrl: config.api_url.replace(/\/$/, ''),
    fetch: async (request: Request) => {
      const retry = request.clone();
      const response = await fetch(request);
      if (response.status !== 401) return response;
      dropAccessToken();
      await authorizeRequest(retry);
      return fetch(retry);
    },
  });
  client.use(auth);
}

export function api(): Client<paths> {
  if (!client) throw new Error('The API client is not configured yet.');
  return client;
}

/**
 * Unwraps an openapi-fetch result: the `data` of the `{data, meta, links}` envelope, or an ApiError.
 * `T` is the envelope's data where the spec documents no response schema.
 */
export async function unwrap<T>(
  call: Promise<{ data?: unknown; error?: unknown; response: Response }>,
): Promise<{ data: T; meta: Record<string, unknown>; links: Record<string, unknown> }> {
  let result: { data?: unknown; error?: unknown; response: Response };
  try {
    result = await call;
  } catch (cause) {
    if (cause instanceof ApiError) throw cause;
    if (cause instanceof Error && cause.name === 'SignedOutError') throw cause;
    throw ApiError.network(cause);
  }
  if (!result.response.ok)
    throw result.error === undefined
      ? await ApiError.fromResponse(result.response)
      : ApiError.fromBody(result.response.status, result.error);
  const body = (result.data ?? {}) as {
    data?: T;
    meta?: Record<string, unknown>;
    links?: Record<string, unknown>;
  };
  return { data: body.data as T, meta: body.meta ?? {}, links: body.links ?? {} };
}
