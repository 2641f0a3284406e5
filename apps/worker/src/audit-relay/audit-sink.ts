import type { AuditEventBatchContract, AuditEventContract } from '@oversing/contracts';

/** Where the relay delivers audit events. Must be idempotent by event_id: a batch may arrive twice. */
export interface AuditSink {
  deliver(events: AuditEventContract[]): Promise<void>;
}

export interface AccessTokenSource {
  token(): Promise<string>;
}

/** Client credentials at the API's token endpoint, cached until shortly before expiry. */
export class ClientCredentialsTokenSource implements AccessTokenSource {
  private cached: { token: string; expiresAt: number } | null = null;

  constructor(
    private readonly options: {
      tokenUrl: string;
      clientId: string;
      clientSecret: string;
      scope: string;
      resource: string;
    },
  ) {}

  async token(): Promise<string> {
    if (this.cached && this.cached.expiresAt > Date.now()) return this.cached.token;
    const basic = Buffer.from(`${this.options.clientId}:${this.options.clientSecret}`).toString('base64');
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

/** The production sink: `POST {CERTIFICATION_URL}/api/v1/audit-events` with `{events}`. */
export class HttpAuditSink implements AuditSink {
  constructor(
    private readonly certificationUrl: string,
    private readonly tokens: AccessTokenSource,
  ) {}

  async deliver(events: AuditEventContract[]): Promise<void> {
    const body: AuditEventBatchContract = { events };
    const response = await fetch(new URL('/api/v1/audit-events', this.certificationUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await this.tokens.token()}` },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    if (!response.ok) {
      const text = await response.text().catch(() => '');
      throw new Error(`certification service answered ${response.status}: ${text.slice(0, 200)}`);
    }
  }
}
