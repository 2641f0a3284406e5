/** Something that hands out a current access token (cached, refreshed before expiry). */
export interface AccessTokenSource {
  token(): Promise<string>;
}

export interface ClientCredentialsOptions {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope: string;
  resource: string;
}

/**
 * OAuth 2.0 client credentials at the authorization server's token endpoint, cached until 30 s before
 * expiry. Used by the services to call each other (the audit relay, the workflow certification guard).
 */
export class ClientCredentialsTokenSource implements AccessTokenSource {
  private cached: { token: string; expiresAt: number } | null = null;

  constructor(private readonly options: ClientCredentialsOptions) {}

  async token(): Promise<string> {
    if (this.cached && this.cached.expiresAt > Date.now()) return this.cached.token;
    const basic = Buffer.from(
      `${encodeURIComponent(this.options.clientId)}:${encodeURIComponent(this.options.clientSecret)}`,
    ).toString('base64');
    const response = await fetch(this.options.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        scope: this.options.scope,
        resource: this.options.resource,
      }),
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await response.json().catch(() => ({}))) as { access_token?: string; expires_in?: number };
    if (!response.ok || !body.access_token) throw new Error(`token endpoint answered ${response.status}`);
    this.cached = {
      token: body.access_token,
      expiresAt: Date.now() + Math.max(0, (body.expires_in ?? 60) - 30) * 1000,
    };
    return body.access_token;
  }
}

/**
 * The internal service account the services use to call each other (audit relay → certification,
 * workflow guard → certification). Created by `npm run cli -- clients:create-internal`; outside
 * production the demo seed creates it with the development secret below, which production never accepts.
 */
export const INTERNAL_CLIENT_ID = 'oversing-internal';
export const DEVELOPMENT_INTERNAL_CLIENT_SECRET = 'oversing-internal-development-secret';
