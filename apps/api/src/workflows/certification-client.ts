import { correlationHeaders } from '@oversing/platform';
import type { AccessTokenSource } from '@oversing/platform';
import type { LlmOutput } from '../tasks/task.entity';

export interface CertificationRequestBody extends LlmOutput {
  policy_key: string;
  task_id: string;
  metadata: Record<string, unknown>;
}

export interface IssuedCertification {
  id: string;
  status: string;
}

/** The certification service as the API's automatic requests see it. */
export interface CertificationClient {
  /** POST /api/v1/certifications for `tenantId`; throws with the service's answer on failure. */
  certify(tenantId: string, body: CertificationRequestBody): Promise<IssuedCertification>;
  /** The certification an earlier attempt of this request already obtained, if any (idempotent retries). */
  findByRequest(tenantId: string, taskId: string, requestId: string): Promise<IssuedCertification | null>;
}

export const CERTIFICATION_CLIENT = Symbol('CERTIFICATION_CLIENT');

/**
 * HTTP client of the certification service, authenticated as the internal service account
 * (client-credentials token of `oversing-internal`, tenant "*"), naming the tenant it acts for in
 * `X-Oversing-Tenant` on every call.
 */
export class HttpCertificationClient implements CertificationClient {
  constructor(
    private readonly certificationUrl: string,
    private readonly tokens: AccessTokenSource | null,
  ) {}

  async certify(tenantId: string, body: CertificationRequestBody): Promise<IssuedCertification> {
    const response = await this.fetch(tenantId, '/api/v1/certifications', {
      method: 'POST',
      body: JSON.stringify(body),
    });
    const json = (await response.json().catch(() => ({}))) as {
      data?: IssuedCertification;
      error?: { code?: string; message?: string };
    };
    if (!response.ok || !json.data?.id)
      throw new Error(
        `the certification service answered ${response.status}${json.error ? ` ${json.error.code}: ${json.error.message}` : ''}`,
      );
    return { id: json.data.id, status: json.data.status };
  }

  async findByRequest(
    tenantId: string,
    taskId: string,
    requestId: string,
  ): Promise<IssuedCertification | null> {
    const response = await this.fetch(
      tenantId,
      `/api/v1/certifications?task_id=${encodeURIComponent(taskId)}&limit=100`,
      { method: 'GET' },
    );
    if (!response.ok) throw new Error(`the certification service answered ${response.status}`);
    const json = (await response.json()) as {
      data?: (IssuedCertification & { metadata?: Record<string, unknown> })[];
    };
    const found = (json.data ?? []).find((c) => c.metadata?.certification_request_id === requestId);
    return found ? { id: found.id, status: found.status } : null;
  }

  private async fetch(tenantId: string, path: string, init: RequestInit): Promise<Response> {
    if (!this.tokens) throw new Error('the certification service client is not configured');
    const token = await this.tokens.token();
    return fetch(new URL(path, this.certificationUrl), {
      ...init,
      headers: {
        accept: 'application/json',
        ...(init.body ? { 'content-type': 'application/json' } : {}),
        authorization: `Bearer ${token}`,
        'x-oversing-tenant': tenantId,
        ...correlationHeaders(),
      },
      signal: AbortSignal.timeout(10_000),
    });
  }
}
