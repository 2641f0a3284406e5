import { Injectable } from '@nestjs/common';
import {
  AppException,
  assertVersionMatches,
  Enveloped,
  ErrorDetail,
  isUuid,
  paginate,
  parseListQuery,
  Principal,
  RequestContext,
} from '@oversing/platform';
import { Permission } from '../access/permissions';
import { PolicyService } from '../access/policy.service';
import { AuditRecorder } from '../audit/audit-recorder';
import { DomainEventBus } from '../events/domain-event-bus';
import { UserRepository } from '../identity/user.repository';
import { TaskRepository } from '../tasks/task.repository';
import { CreateWorkLogDto, UpdateWorkLogDto } from './dto/work-log.dto';
import { isCalendarDate, isoWeekOf } from './iso-week';
import { LOCKED_CARD_STATUSES, publicWorkLog, TimeCard, WORK_LOG_FIELDS, WorkLog } from './time.entities';
import { TimeCardRepository, WorkLogFilters, WorkLogRepository } from './time.repository';

/** Refuses a change to time of a card that is submitted or approved. */
export function assertCardEditable(card: TimeCard): void {
  if (LOCKED_CARD_STATUSES.includes(card.status))
    throw AppException.unprocessable(
      `The time card of ${card.isoWeek} is ${card.status}; its time is locked`,
      [{ field: 'time_card_id', message: `time card ${card.id} is ${card.status}` }],
    );
}

/**
 * A work log's or time card's event goes to its owner's channel and to the tenant's `work-logs` topic,
 * which only holders of work-logs:approve may join (event-visibility.ts): never to a task channel, whose
 * readers may not see other people's time.
 */
export const timeChannels = (entity: { userId: string; tenantId: string }): string[] => [
  `user.${entity.userId}`,
  `tenant.${entity.tenantId}`,
];

/**
 * Work logs: everyone manages their own; holders of work-logs:approve tenant-wide (and integrator
 * clients with the scope) see and manage everyone's. Other people's logs are invisible (404), not 403.
 */
@Injectable()
export class WorkLogsService {
  constructor(
    private readonly logs: WorkLogRepository,
    private readonly cards: TimeCardRepository,
    private readonly tasks: TaskRepository,
    private readonly users: UserRepository,
    private readonly policy: PolicyService,
    private readonly audit: AuditRecorder,
    private readonly bus: DomainEventBus,
  ) {}

  principal(): Principal {
    const principal = RequestContext.principal();
    if (!principal) throw AppException.unauthenticated();
    return principal;
  }

  /** Managers: tenant-wide work-logs:approve (clients: the scope, checked by the guard). */
  async isManager(principal: Principal): Promise<boolean> {
    return (await this.policy.authorize(principal, Permission.WorkLogsApprove)) === 'allow';
  }

  /** The user whose own data the caller sees, or null when the caller sees everyone's. */
  async ownerScope(): Promise<string | null> {
    const principal = this.principal();
    if (await this.isManager(principal)) return null;
    return principal.id;
  }

  async list(raw: Record<string, unknown>): Promise<Enveloped<Record<string, unknown>[]>> {
    const query = parseListQuery(raw, {
      sortable: { work_date: 'work_date', created_at: 'created_at', duration_minutes: 'duration_minutes' },
      filterable: ['user', 'task', 'time_card', 'from', 'to', 'billable'],
      selectable: WORK_LOG_FIELDS,
      defaultSort: '-work_date',
      maxLimit: 200,
    });
    const f = query.filters;
    const details: ErrorDetail[] = [];
    const filters: WorkLogFilters = {};
    for (const [key, target] of [
      ['user', 'userId'],
      ['task', 'taskId'],
      ['time_card', 'timeCardId'],
    ] as const) {
      if (f[key] === undefined) continue;
      if (isUuid(f[key])) filters[target] = f[key];
      else details.push({ field: `filter[${key}]`, message: 'must be a UUID' });
    }
    for (const key of ['from', 'to'] as const) {
      if (f[key] === undefined) continue;
      if (isCalendarDate(f[key])) filters[key] = f[key];
      else details.push({ field: `filter[${key}]`, message: 'must be a date (YYYY-MM-DD)' });
    }
    if (f.billable !== undefined) {
      if (f.billable === 'true' || f.billable === 'false') filters.billable = f.billable === 'true';
      else details.push({ field: 'filter[billable]', message: 'must be true or false' });
    }
    if (details.length) throw AppException.validation(details);
    const own = await this.ownerScope();
    if (own) {
      if (filters.userId && filters.userId !== own)
        throw AppException.forbidden('You may only list your own work logs');
      filters.userId = own;
    }
    const rows = await this.logs.list(query, filters);
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(f)) params.set(`filter[${key}]`, value);
    params.set('sort', query.sort.map((s) => (s.direction === 'DESC' ? '-' : '') + s.field).join(','));
    params.set('limit', String(query.limit));
    if (query.fields) params.set('fields', query.fields.join(','));
    return paginate(
      rows.map(publicWorkLog),
      query,
      (row) => [...query.sort.map((s) => row[s.field] as string | number | null), row.id as string],
      `/api/v1/work-logs?${params.toString()}`,
    );
  }

  /** A log the caller may see, else 404. */
  async get(id: string): Promise<WorkLog> {
    const log = await this.logs.findById(id);
    if (!log) throw AppException.notFound('Work log');
    const own = await this.ownerScope();
    if (own && log.userId !== own) throw AppException.notFound('Work log');
    return log;
  }

  async create(dto: CreateWorkLogDto): Promise<WorkLog> {
    const principal = this.principal();
    const manager = await this.isManager(principal);
    const details: ErrorDetail[] = [];
    if (!isCalendarDate(dto.work_date))
      details.push({ field: 'work_date', message: 'is not a calendar date' });
    let userId = dto.user_id;
    if (!userId) {
      if (principal.kind !== 'user') details.push({ field: 'user_id', message: 'is required for clients' });
      userId = principal.id;
    } else if (userId !== principal.id && !manager) {
      throw AppException.forbidden('Logging time for someone else needs work-logs:approve');
    }
    if (details.length) throw AppException.validation(details);
    return this.bus.transaction(async () => {
      if (!(await this.tasks.findById(dto.task_id)))
        details.push({ field: 'task_id', message: 'no task with this id in the tenant' });
      if (dto.user_id && !(await this.users.findById(dto.user_id)))
        details.push({ field: 'user_id', message: 'no user with this id in the tenant' });
      if (details.length) throw AppException.validation(details);
      const card = await this.cards.lockOrCreate(userId, isoWeekOf(dto.work_date));
      assertCardEditable(card);
      const log = await this.logs.insert({
        userId,
        taskId: dto.task_id,
        timeCardId: card.id,
        workDate: dto.work_date,
        durationMinutes: dto.duration_minutes,
        billable: dto.billable ?? true,
        rateMinor: String(dto.rate_minor ?? 0),
        currency: dto.currency,
        description: dto.description ?? '',
        invoiceId: null,
      });
      const after = publicWorkLog(log);
      await this.audit.record({
        entityType: 'work_log',
        entityId: log.id,
        action: 'created',
        before: null,
        after,
      });
      await this.bus.publish({
        type: 'work_log.created',
        entityType: 'work_log',
        entityId: log.id,
        channels: timeChannels(log),
        payload: after,
      });
      return log;
    });
  }

  async update(id: string, dto: UpdateWorkLogDto, ifMatch: number | undefined): Promise<WorkLog> {
    if (dto.work_date !== undefined && !isCalendarDate(dto.work_date))
      throw AppException.validation([{ field: 'work_date', message: 'is not a calendar date' }]);
    return this.bus.transaction(async () => {
      await this.get(id);
      const log = (await this.logs.findForUpdate(id))!;
      assertVersionMatches('work log', log.version, ifMatch);
      const before = publicWorkLog(log);
      const card = (await this.cards.lockById(log.timeCardId))!;
      assertCardEditable(card);
      if (dto.task_id !== undefined && dto.task_id !== log.taskId) {
        if (!(await this.tasks.findById(dto.task_id)))
          throw AppException.validation([
            { field: 'task_id', message: 'no task with this id in the tenant' },
          ]);
        log.taskId = dto.task_id;
      }
      if (dto.work_date !== undefined && dto.work_date !== log.workDate) {
        const target = await this.cards.lockOrCreate(log.userId, isoWeekOf(dto.work_date));
        assertCardEditable(target);
        log.timeCardId = target.id;
        log.workDate = dto.work_date;
      }
      if (dto.duration_minutes !== undefined) log.durationMinutes = dto.duration_minutes;
      if (dto.billable !== undefined) log.billable = dto.billable;
      if (dto.rate_minor !== undefined) log.rateMinor = String(dto.rate_minor);
      if (dto.currency !== undefined) log.currency = dto.currency;
      if (dto.description !== undefined) log.description = dto.description;
      const saved = await this.logs.save(log);
      const after = publicWorkLog(saved);
      await this.audit.record({
        entityType: 'work_log',
        entityId: saved.id,
        action: 'updated',
        before,
        after,
      });
      await this.bus.publish({
        type: 'work_log.updated',
        entityType: 'work_log',
        entityId: saved.id,
        channels: timeChannels(saved),
        payload: { ...after, previous_time_card_id: before.time_card_id },
      });
      return saved;
    });
  }

  async remove(id: string, ifMatch: number | undefined): Promise<void> {
    await this.bus.transaction(async () => {
      await this.get(id);
      const log = (await this.logs.findForUpdate(id))!;
      assertVersionMatches('work log', log.version, ifMatch);
      assertCardEditable((await this.cards.lockById(log.timeCardId))!);
      await this.logs.deleteById(id);
      const before = publicWorkLog(log);
      await this.audit.record({
        entityType: 'work_log',
        entityId: id,
        action: 'deleted',
        before,
        after: null,
      });
      await this.bus.publish({
        type: 'work_log.deleted',
        entityType: 'work_log',
        entityId: id,
        channels: timeChannels(log),
        payload: { id, user_id: log.userId, task_id: log.taskId, time_card_id: log.timeCardId },
      });
    });
  }
}
