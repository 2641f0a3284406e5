import { Logger } from '@nestjs/common';
import { correlationHeaders, RequestContext } from '@oversing/platform';
import type { AccessTokenSource } from '@oversing/platform';

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
      let token: string;
      try {
        token = await this.tokens.token();
      } catch (error) {
        this.logger.warn(`no token for the certification service: ${(error as Error).message}`);
        return { certified: false, reason: 'the API could not authenticate to the certification service' };
      }
      const response = await fetch(url, {
        headers: {
          accept: 'application/json',
          authorization: `Bearer ${token}`,
          // The API's service token acts for the tenant of the task being transitioned.
          'x-oversing-tenant': RequestContext.tenantId(),
          // the certification service logs this request under the API request's id
          ...correlationHeaders(),
        },
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
