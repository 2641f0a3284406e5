import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { authorizeRequest, dropAccessToken } from '@/lib/auth/session';
import type { paths } from '@/lib/generated/certification';
import type { RuntimeConfig } from '@/lib/runtime-config';

/**
 * The typed client of the certification service (types generated from docs/openapi/certification.json),
 * with an access token for its own audience (a resource-indicated refresh of the same grant).
 */
let client: Client<paths> | undefined;

export function configureCertificationClient(config: RuntimeConfig): void {
  const audience = config.oauth.certification_audience;
  const auth: Middleware = {
    async onRequest({ request }) {
      await authorizeRequest(request, audience);
      return request;
    },
  };
  client = createClient<paths>({
    baseUrl: config.certification_url.replace(/\/$/, ''),
    fetch: async (request: Request) => {
      const retry = request.clone();
      const response = await fetch(request);
      if (response.status !== 401) return response;
      dropAccessToken(audience);
      await authorizeRequest(retry, audience);
      return fetch(retry);
    },
  });
  client.use(auth);
}

export function certificationApi(): Client<paths> {
  if (!client) throw new Error('The certification client is not configured yet.');
  return client;
}
