import type { AuditEventBatchContract, AuditEventContract } from '@oversing/contracts';
import { REQUEST_ID_HEADER } from '@oversing/platform';
import type { AccessTokenSource } from '@oversing/platform';

/**
 * The receiver refused the events for what they are (400, 413, 422): sending them again unchanged cannot
 * succeed. Anything else that fails (network, 401/403/429, 5xx) is transient and retried.
 */
export class AuditEventsRefused extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
  ) {
    super(`certification service refused the events (${status}): ${reason}`);
  }
}

const REFUSING_STATUSES = new Set([400, 413, 422]);

/** Where the relay delivers audit events. Must be idempotent by event_id: a batch may arrive twice. */
export interface AuditSink {
  deliver(events: AuditEventContract[]): Promise<void>;
}

/** The production sink: `POST {CERTIFICATION_URL}/api/v1/audit-events` with `{events}`. */
export class HttpAuditSink implements AuditSink {
  constructor(
    private readonly certificationUrl: string,
    private readonly tokens: AccessTokenSource,
  ) {}

  /**
   * One request per tenant of the batch: the relay's service token names the tenant it acts for in
   * `X-Oversing-Tenant`, and the receiver accepts only that tenant's events in the request.
   */
  async deliver(events: AuditEventContract[]): Promise<void> {
    const byTenant = new Map<string, AuditEventContract[]>();
    for (const event of events)
      byTenant.set(event.tenant_id, [...(byTenant.get(event.tenant_id) ?? []), event]);
    for (const [tenantId, tenantEvents] of byTenant) {
      const body: AuditEventBatchContract = { events: tenantEvents };
      // Events of one request keep its id: the certification service logs the POST under it.
      const requestIds = new Set(tenantEvents.map((e) => e.metadata?.request_id));
      const [requestId] = requestIds;
      const response = await fetch(new URL('/api/v1/audit-events', this.certificationUrl), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${await this.tokens.token()}`,
          'x-oversing-tenant': tenantId,
          ...(requestIds.size === 1 && typeof requestId === 'string'
            ? { [REQUEST_ID_HEADER]: requestId }
            : {}),
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
      if (!response.ok) {
        const text = await response.text().catch(() => '');
        if (REFUSING_STATUSES.has(response.status))
          throw new AuditEventsRefused(response.status, text.slice(0, 1000));
        throw new Error(`certification service answered ${response.status}: ${text.slice(0, 200)}`);
      }
    }
  }
}
