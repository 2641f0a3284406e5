import { Injectable } from '@nestjs/common';
import { AppException, Enveloped, ErrorDetail, isUuid, paginate, parseListQuery } from '@oversing/platform';
import { AuditRecorder } from '../audit/audit-recorder';
import { DomainEventBus } from '../events/domain-event-bus';
import { publicTimeCard, publicWorkLog, TIME_CARD_STATUSES, TimeCard } from './time.entities';
import { TimeCardFilters, TimeCardRepository, WorkLogRepository } from './time.repository';
import { timeChannels, WorkLogsService } from './work-logs.service';

export type TimeCardDecision = 'submit' | 'approve' | 'reject';

/**
 * Weekly time cards: the owner submits (draft or rejected → submitted), a manager other than the owner
 * approves or rejects (submitted → approved | rejected). Each decision publishes timecard.<status> to
 * the owner and the managers (timeChannels).
 */
@Injectable()
export class TimeCardsService {
  constructor(
    private readonly cards: TimeCardRepository,
    private readonly logs: WorkLogRepository,
    private readonly workLogs: WorkLogsService,
    private readonly audit: AuditRecorder,
    private readonly bus: DomainEventBus,
  ) {}

  async list(raw: Record<string, unknown>): Promise<Enveloped<Record<string, unknown>[]>> {
    const query = parseListQuery(raw, {
      sortable: { week_start: 'week_start', created_at: 'created_at' },
      filterable: ['user', 'status', 'week'],
      selectable: [
        'user_id',
        'iso_week',
        'week_start',
        'status',
        'submitted_at',
        'decided_at',
        'decided_by',
        'rejection_reason',
        'version',
        'created_at',
        'updated_at',
      ],
      defaultSort: '-week_start',
    });
    const f = query.filters;
    const details: ErrorDetail[] = [];
    const filters: TimeCardFilters = {};
    if (f.user !== undefined) {
      if (isUuid(f.user)) filters.userId = f.user;
      else details.push({ field: 'filter[user]', message: 'must be a UUID' });
    }
    if (f.status !== undefined) {
      if ((TIME_CARD_STATUSES as readonly string[]).includes(f.status)) filters.status = f.status;
      else
        details.push({ field: 'filter[status]', message: `must be one of ${TIME_CARD_STATUSES.join(', ')}` });
    }
    if (f.week !== undefined) {
      if (/^\d{4}-W\d{2}$/.test(f.week)) filters.week = f.week;
      else details.push({ field: 'filter[week]', message: 'must be an ISO week (YYYY-Www)' });
    }
    if (details.length) throw AppException.validation(details);
    const own = await this.workLogs.ownerScope();
    if (own) {
      if (filters.userId && filters.userId !== own)
        throw AppException.forbidden('You may only list your own time cards');
      filters.userId = own;
    }
    const rows = await this.cards.list(query, filters);
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(f)) params.set(`filter[${key}]`, value);
    params.set('limit', String(query.limit));
    return paginate(
      rows.map(publicTimeCard),
      query,
      (row) => [...query.sort.map((s) => row[s.field] as string | null), row.id as string],
      `/api/v1/time-cards?${params.toString()}`,
    );
  }

  private async visible(id: string): Promise<TimeCard> {
    const card = await this.cards.findById(id);
    const own = card ? await this.workLogs.ownerScope() : null;
    if (!card || (own && card.userId !== own)) throw AppException.notFound('Time card');
    return card;
  }

  async get(id: string): Promise<Record<string, unknown>> {
    const card = await this.visible(id);
    const [logs, totals] = await Promise.all([this.logs.ofCard(card.id), this.logs.totals(card.id)]);
    return { ...publicTimeCard(card), totals, work_logs: logs.map(publicWorkLog) };
  }

  async decide(id: string, decision: TimeCardDecision, reason?: string): Promise<Record<string, unknown>> {
    const principal = this.workLogs.principal();
    const manager = await this.workLogs.isManager(principal);
    await this.visible(id);
    const card = await this.bus.transaction(async () => {
      const locked = (await this.cards.lockById(id))!;
      const before = publicTimeCard(locked);
      const refuse = (message: string): never => {
        throw AppException.unprocessable(message, [{ field: 'status', message: `is ${locked.status}` }]);
      };
      switch (decision) {
        case 'submit':
          if (principal.kind !== 'user' || locked.userId !== principal.id)
            throw AppException.forbidden('Only the owner of a time card submits it');
          if (locked.status !== 'draft' && locked.status !== 'rejected')
            refuse(`A ${locked.status} time card cannot be submitted`);
          if ((await this.logs.totals(locked.id)).log_count === 0)
            throw AppException.unprocessable('An empty time card cannot be submitted', [
              { field: 'work_logs', message: 'the card has no work logs' },
            ]);
          locked.status = 'submitted';
          locked.submittedAt = new Date();
          locked.decidedAt = null;
          locked.decidedBy = null;
          locked.rejectionReason = null;
          break;
        case 'approve':
        case 'reject':
          if (!manager) throw AppException.forbidden('Approving time needs work-logs:approve');
          if (locked.userId === principal.id)
            throw AppException.forbidden('Nobody approves or rejects their own time card');
          if (locked.status !== 'submitted') refuse(`Only a submitted time card can be ${decision}d`);
          locked.status = decision === 'approve' ? 'approved' : 'rejected';
          locked.decidedAt = new Date();
          locked.decidedBy = principal.kind === 'user' ? principal.id : null;
          locked.rejectionReason = decision === 'reject' ? reason!.trim() : null;
          break;
      }
      const saved = await this.cards.save(locked);
      const after = publicTimeCard(saved);
      const totals = await this.logs.totals(saved.id);
      await this.audit.record({
        entityType: 'time_card',
        entityId: saved.id,
        action: { submit: 'submitted', approve: 'approved', reject: 'rejected' }[decision],
        before,
        after,
        metadata: principal.kind === 'client' ? { client_id: principal.clientId } : undefined,
      });
      await this.bus.publish({
        type: `timecard.${saved.status}`,
        entityType: 'time_card',
        entityId: saved.id,
        channels: timeChannels(saved),
        payload: { ...after, totals },
      });
      return saved;
    });
    return this.get(card.id);
  }
}
