import { Injectable } from '@nestjs/common';
import { AppException, Enveloped, ErrorDetail, paginate, parseListQuery } from '@oversing/platform';
import { toAuditContract } from './audit-outbox.entity';
import { AuditOutboxRepository } from './audit-outbox.repository';

function parseInstant(value: string | undefined, field: string, details: ErrorDetail[]): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime())) {
    details.push({ field, message: 'must be an ISO 8601 date or timestamp' });
    return undefined;
  }
  return date;
}

/** Reads the tenant's audit trail (the outbox keeps delivered rows) for search and entity history. */
@Injectable()
export class AuditQueryService {
  constructor(private readonly outbox: AuditOutboxRepository) {}

  async list(raw: Record<string, unknown>): Promise<Enveloped<Record<string, unknown>[]>> {
    // `position` is the order the changes were committed in: oldest first by default, `-position` newest first
    const query = parseListQuery(raw, {
      sortable: { position: 'entry.position' },
      filterable: ['entity_type', 'entity_id', 'actor', 'from', 'to'],
      selectable: [],
      defaultSort: 'position',
      maxLimit: 500,
      defaultLimit: 100,
    });
    const details: ErrorDetail[] = [];
    const from = parseInstant(query.filters.from, 'filter[from]', details);
    const to = parseInstant(query.filters.to, 'filter[to]', details);
    if (details.length) throw AppException.validation(details);
    const rows = await this.outbox.search({
      entityType: query.filters.entity_type,
      entityId: query.filters.entity_id,
      actorId: query.filters.actor,
      from,
      to,
      newestFirst: query.sort[0]?.direction === 'DESC',
      limit: query.limit,
      cursor: query.cursor,
    });
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query.filters)) params.set(`filter[${key}]`, value);
    if (query.sort[0]?.direction === 'DESC') params.set('sort', '-position');
    params.set('limit', String(query.limit));
    return paginate(
      rows as unknown as Record<string, unknown>[],
      query,
      // the sort column and the tie-breaker are both the position
      (row) => [String(row.position), String(row.position)],
      `/api/v1/audit?${params.toString()}`,
      (row) => ({ ...toAuditContract(row as never), position: Number(row.position) }),
    );
  }

  /** Every change of one entity, oldest first, with its before and after state. */
  async history(entityType: string, entityId: string): Promise<Record<string, unknown>[]> {
    const rows = await this.outbox.search({ entityType, entityId, newestFirst: false, limit: 10_000 });
    return rows.map((row) => {
      const event = toAuditContract(row);
      return {
        event_id: event.event_id,
        action: event.action,
        actor: event.actor,
        occurred_at: event.occurred_at,
        before: event.before_state,
        after: event.after_state,
        changes: changedFields(event.before_state, event.after_state),
        metadata: event.metadata,
      };
    });
  }
}

const IGNORED = new Set(['version', 'updated_at']);

export function changedFields(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): { field: string; before: unknown; after: unknown }[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: { field: string; before: unknown; after: unknown }[] = [];
  for (const key of keys) {
    if (IGNORED.has(key)) continue;
    const b = before?.[key] ?? null;
    const a = after?.[key] ?? null;
    if (JSON.stringify(b) !== JSON.stringify(a)) changes.push({ field: key, before: b, after: a });
  }
  return changes;
}
