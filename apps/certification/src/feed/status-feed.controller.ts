import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AppException, Authenticated, Enveloped } from '@oversing/platform';
import { CertificationPermission as P } from '../access/role-permissions';
import { AUDIT_DB } from '../certification.tokens';
import type { AuditDatabase } from '../infrastructure/audit-database';
import { StatusFeedRepository } from './status-feed.repository';

export interface StatusFeedItem {
  /** The event's log index: pass the last one seen as `after` to continue. */
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

function integer(value: string | undefined, field: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < -1 || n > max)
    throw AppException.validation([{ field, message: `must be an integer in -1..${max}` }]);
  return n;
}

/**
 * The durable feed of status changes that Oversing consumes: every certification event of every tenant
 * (issued, approved, rejected, revoked, expired), in log order, however it was made (through the API or
 * on this service directly). The log is append-only, so the feed is its own outbox: the consumer keeps
 * its cursor and nothing is lost while it is away.
 */
@ApiTags('certifications')
@Controller('api/v1/certification-events')
export class StatusFeedController {
  private readonly feed: StatusFeedRepository;

  constructor(@Inject(AUDIT_DB) db: AuditDatabase) {
    this.feed = new StatusFeedRepository(db);
  }

  @Get()
  @Authenticated({ permission: P.Feed, allTenants: true })
  @ApiOperation({
    summary: 'Status events of every tenant after a log position (internal service account only)',
  })
  async list(@Query() query: Record<string, string>): Promise<Enveloped<StatusFeedItem[]>> {
    const after = integer(query.after, 'after', -1, Number.MAX_SAFE_INTEGER);
    const limit = integer(query.limit, 'limit', 200, 1000);
    if (limit < 1) throw AppException.validation([{ field: 'limit', message: 'must be at least 1' }]);
    const rows = await this.feed.after(after, limit);
    const items = rows.map((r): StatusFeedItem => ({
      position: Number(r.position),
      event_id: r.event_id,
      tenant_id: r.tenant_id,
      certification_id: r.certification_id,
      number: r.number,
      task_id: r.task_id,
      status: r.status,
      reason: r.reason,
      actor: { type: r.actor_type, id: r.actor_id },
      at: r.at.toISOString(),
      risk_score: r.risk_score,
      policy_key: r.policy_key,
      provider: r.provider,
      model: r.model,
      failed_rules: r.failed_rules ?? [],
      created_by: r.created_by,
      certification_created_at: r.certification_created_at.toISOString(),
      expires_at: r.expires_at?.toISOString() ?? null,
    }));
    const last = items[items.length - 1];
    return new Enveloped(items, { next_after: last ? last.position : after, limit });
  }
}
