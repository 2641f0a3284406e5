import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AppException, Authenticated, Enveloped, isUuid } from '@oversing/platform';
import { AUDIT_EVENT_BATCH_MAX, AuditEventBatchResultContract } from '@oversing/contracts';
import { CertificationPermission as P } from '../access/role-permissions';
import { AuditEventsService } from './audit-events.service';

function date(value: string | undefined, field: string): Date | undefined {
  if (value === undefined) return undefined;
  const d = new Date(value);
  if (Number.isNaN(d.getTime()))
    throw AppException.validation([{ field, message: 'must be an ISO 8601 date' }]);
  return d;
}

/** `[occurred_at, event_id]` of the last row of the previous page, base64url JSON; anything else is a 422. */
function afterCursor(cursor: unknown): { occurred_at: Date; event_id: string } | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  try {
    if (typeof cursor !== 'string') throw new Error('not a string');
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 2) throw new Error('not a pair');
    const [at, id] = parsed as unknown[];
    if (typeof at !== 'string' || typeof id !== 'string' || !isUuid(id) || Number.isNaN(Date.parse(at))) {
      throw new Error('bad cursor');
    }
    return { occurred_at: new Date(at), event_id: id };
  } catch {
    throw AppException.validation([{ field: 'cursor', message: 'is not a valid cursor' }]);
  }
}

@ApiTags('audit events')
@Controller('api/v1/audit-events')
export class AuditEventsController {
  constructor(private readonly service: AuditEventsService) {}

  @Post()
  @Authenticated({ permission: P.AuditWrite })
  @ApiOperation({ summary: `Ingest up to ${AUDIT_EVENT_BATCH_MAX} audit events (idempotent by event_id)` })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['events'],
      properties: { events: { type: 'array', maxItems: AUDIT_EVENT_BATCH_MAX, items: { type: 'object' } } },
    },
  })
  ingest(@Body() body: unknown): Promise<AuditEventBatchResultContract> {
    return this.service.ingest(body);
  }

  @Get()
  @Authenticated({ permission: P.AuditRead })
  @ApiOperation({
    summary: 'Audit events of the tenant (filters: entity_type, entity_id, action, from, to; cursor)',
  })
  async list(@Query() query: Record<string, string>): Promise<Enveloped<unknown>> {
    const limit = query.limit === undefined ? 50 : Number(query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
      throw AppException.validation([{ field: 'limit', message: 'must be an integer in 1..500' }]);
    }
    const after = afterCursor(query.cursor);
    const rows = await this.service.list({
      entity_type: query.entity_type,
      entity_id: query.entity_id,
      action: query.action,
      from: date(query.from, 'from'),
      to: date(query.to, 'to'),
      after,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const next =
      rows.length > limit && last
        ? Buffer.from(JSON.stringify([last.occurred_at, last.event_id])).toString('base64url')
        : null;
    return new Enveloped(
      page,
      { next_cursor: next, limit },
      {
        next: next ? `/api/v1/audit-events?cursor=${next}&limit=${limit}` : null,
      },
    );
  }
}
