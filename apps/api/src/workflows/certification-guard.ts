import { Logger } from '@nestjs/common';

/**
 * Asked before a task enters a state flagged `requires_certification`: does the task have a valid
 * (certified, unrevoked, unexpired) certification of its output? The hook point for Runcible.
 */
export interface CertificationGuard {
  hasValidCertification(taskId: string): Promise<CertificationCheck>;
}

export interface CertificationCheck {
  certified: boolean;
  /** Why not, when not (shown to the caller). */
  reason?: string;
  certification_id?: string;
}

export const CERTIFICATION_GUARD = Symbol('CERTIFICATION_GUARD');

export interface AccessTokenSource {
  token(): Promise<string>;
}

/** Client credentials at the API's own token endpoint, cached until shortly before expiry. */
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

/**
 * The production guard: `GET {CERTIFICATION_URL}/api/v1/certifications?task_id=…&status=certified`
 * with a client-credentials token. Fails closed: an unreachable service or a missing client means
 * "not certified" (with the reason), never a silent pass.
 */
export class HttpCertificationGuard implements CertificationGuard {
  private readonly logger = new Logger(HttpCertificationGuard.name);

  constructor(
    private readonly certificationUrl: string,
    private readonly tokens: AccessTokenSource | null,
  ) {}

  async hasValidCertification(taskId: string): Promise<CertificationCheck> {
    if (!this.tokens)
      return { certified: false, reason: 'the certification service client is not configured' };
    try {
      const url = new URL('/api/v1/certifications', this.certificationUrl);
      url.searchParams.set('task_id', taskId);
      url.searchParams.set('status', 'certified');
      url.searchParams.set('limit', '1');
      const response = await fetch(url, {
        headers: { accept: 'application/json', authorization: `Bearer ${await this.tokens.token()}` },
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok)
        return { certified: false, reason: `the certification service answered ${response.status}` };
      const body = (await response.json()) as { data?: { id?: string; task_id?: string; status?: string }[] };
      const match = (body.data ?? []).find(
        (c) => c.task_id === taskId && (c.status === undefined || c.status === 'certified'),
      );
      return match
        ? { certified: true, certification_id: match.id }
        : { certified: false, reason: 'the task has no valid certification' };
    } catch (error) {
      this.logger.warn(`certification check failed: ${(error as Error).message}`);
      return { certified: false, reason: 'the certification service is unreachable' };
    }
  }
}
