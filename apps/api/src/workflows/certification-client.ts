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
  /**
   * POST /api/v1/certifications for `tenantId` with `idempotencyKey` (the same on every attempt of one
   * request: a repeat gets the stored response, never a second certification); throws with the service's
   * answer on failure.
   */
  certify(
    tenantId: string,
    body: CertificationRequestBody,
    idempotencyKey: string,
  ): Promise<IssuedCertification>;
  /** The certification an earlier attempt of this request already obtained, if any (idempotent retries). */
  findByRequest(tenantId: string, taskId: string, requestId: string): Promise<IssuedCertification | null>;
}

/** One status change from the certification service's feed (GET /api/v1/certification-events). */
export interface CertificationStatusEvent {
  position: number;
  event_id: string;
  tenant_id: string;
  certification_id: string;
  number: string;
  task_id: string | null;
  status: string;
  reason: string | null;
  actor: { type: string; id: string | null };
  at: string;
  risk_score: number;
  policy_key: string | null;
  provider: string;
  model: string;
  failed_rules: string[];
  created_by: string | null;
  certification_created_at: string;
  expires_at: string | null;
}

/** Reads the certification service's status feed (every tenant, in log order). */
export interface CertificationFeedSource {
  /** Events after `position` (-1: from the start), at most `limit`; throws when the service cannot answer. */
  statusEvents(after: number, limit: number): Promise<CertificationStatusEvent[]>;
}

export const CERTIFICATION_CLIENT = Symbol('CERTIFICATION_CLIENT');

/**
 * HTTP client of the certification service (automatic requests and the status feed), authenticated as the internal service account
 * (client-credentials token of `oversing-internal`, tenant "*"), naming the tenant it acts for in
 * `X-Oversing-Tenant` on every call.
 */
export class HttpCertificationClient implements CertificationClient, CertificationFeedSource {
  constructor(
    private readonly certificationUrl: string,
    private readonly tokens: AccessTokenSource | null,
  ) {}

  async certify(
    tenantId: string,
    body: CertificationRequestBody,
    idempotencyKey: string,
  ): Promise<IssuedCertification> {
    const response = await this.fetch(tenantId, '/api/v1/certifications', {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'idempotency-key': idempotencyKey },
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
    const query = new URLSearchParams({ task_id: taskId, request_id: requestId, limit: '1' });
    const response = await this.fetch(tenantId, `/api/v1/certifications?${query.toString()}`, {
      method: 'GET',
    });
    if (!response.ok) throw new Error(`the certification service answered ${response.status}`);
    const json = (await response.json()) as { data?: IssuedCertification[] };
    const found = json.data?.[0];
    return found ? { id: found.id, status: found.status } : null;
  }

  async statusEvents(after: number, limit: number): Promise<CertificationStatusEvent[]> {
    const query = new URLSearchParams({ after: String(after), limit: String(limit) });
    const response = await this.fetch(null, `/api/v1/certification-events?${query.toString()}`, {
      method: 'GET',
    });
    if (!response.ok) throw new Error(`the certification service answered ${response.status}`);
    const json = (await response.json()) as { data?: CertificationStatusEvent[] };
    return json.data ?? [];
  }

  /** `tenantId` null: a cross-tenant route of the service account (the feed), which names no tenant. */
  private async fetch(tenantId: string | null, path: string, init: RequestInit): Promise<Response> {
    if (!this.tokens) throw new Error('the certification service client is not configured');
    const token = await this.tokens.token();
    return fetch(new URL(path, this.certificationUrl), {
      ...init,
      headers: {
        accept: 'application/json',
        ...(init.body ? { 'content-type': 'application/json' } : {}),
        ...(init.headers as Record<string, string> | undefined),
        authorization: `Bearer ${token}`,
        ...(tenantId ? { 'x-oversing-tenant': tenantId } : {}),
        ...correlationHeaders(),
      },
      signal: AbortSignal.timeout(10_000),
    });
  }
}
