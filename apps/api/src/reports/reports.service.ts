import { Injectable } from '@nestjs/common';
import { AppException, ErrorDetail, isUuid, Principal, ReadScope, scopesAllow } from '@oversing/platform';
import { Permission } from '../access/permissions';
import { PolicyService } from '../access/policy.service';
import { TASK_STATUSES } from '../tasks/task.entity';
import { BurnUpPoint, ReportsRepository, TimeRow } from './reports.repository';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY = 86_400_000;

export interface ProgramOverview {
  program_id: string | null;
  status_counts: Record<string, number>;
  total: number;
  overdue: number;
  blocked_by_dependencies: number;
  burn_up: BurnUpPoint[];
}

export interface TimeReport {
  from: string;
  to: string;
  /** 'everyone' for approvers (and clients), 'own' for people who see only their own time */
  covers: 'everyone' | 'own';
  rows: TimeRow[];
  totals: { billable_minutes: number; non_billable_minutes: number };
}

/**
 * The data behind the dashboards. Each report is computed from what the caller may read: the program
 * overview from the tasks in their read scope; the time report from everyone's logs for approvers of
 * work logs, and from their own otherwise.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly policy: PolicyService,
  ) {}

  async programOverview(principal: Principal, raw: Record<string, unknown>): Promise<ProgramOverview> {
    const details: ErrorDetail[] = [];
    const programId = raw.program === undefined ? undefined : String(raw.program);
    if (programId !== undefined && !isUuid(programId))
      details.push({ field: 'program', message: 'must be a UUID' });
    const weeks = raw.weeks === undefined ? 12 : Number(raw.weeks);
    if (!Number.isInteger(weeks) || weeks < 1 || weeks > 52)
      details.push({ field: 'weeks', message: 'must be an integer from 1 to 52' });
    if (details.length) throw AppException.validation(details);

    const scope = await this.taskScope(principal);
    const [counts, attention, burnUp] = [
      await this.reports.statusCounts(scope, programId),
      await this.reports.attention(scope, programId),
      await this.reports.burnUp(scope, weeks, programId),
    ];
    const statusCounts = Object.fromEntries(TASK_STATUSES.map((s) => [s, 0]));
    for (const c of counts) statusCounts[c.status] = c.count;
    return {
      program_id: programId ?? null,
      status_counts: statusCounts,
      total: counts.reduce((sum, c) => sum + c.count, 0),
      overdue: attention.overdue,
      blocked_by_dependencies: attention.blocked,
      burn_up: burnUp,
    };
  }

  async time(principal: Principal, raw: Record<string, unknown>): Promise<TimeReport> {
    const today = new Date().toISOString().slice(0, 10);
    const to = raw.to === undefined ? today : String(raw.to);
    // the default `from` derives from `to` only when `to` is a date (an invalid one is reported below)
    const toTime = Date.parse(to);
    const from =
      raw.from !== undefined
        ? String(raw.from)
        : Number.isNaN(toTime)
          ? to
          : new Date(toTime - 55 * DAY).toISOString().slice(0, 10);
    const details: ErrorDetail[] = [];
    for (const [field, value] of [
      ['from', from],
      ['to', to],
    ] as const)
      if (!DATE.test(value) || Number.isNaN(Date.parse(value)))
        details.push({ field, message: 'must be a date (YYYY-MM-DD)' });
    if (
      !details.length &&
      (Date.parse(to) < Date.parse(from) || Date.parse(to) - Date.parse(from) > 366 * DAY)
    )
      details.push({ field: 'to', message: 'must be on or after from, at most a year later' });
    if (details.length) throw AppException.validation(details);
    if (!scopesAllow(principal.scopes, Permission.WorkLogsRead, principal.kind))
      throw AppException.forbidden(`The time report needs the permission ${Permission.WorkLogsRead}`);

    const everyone = (await this.policy.authorize(principal, Permission.WorkLogsApprove)) === 'allow';
    if (!everyone && (await this.policy.authorize(principal, Permission.WorkLogsRead)) !== 'allow')
      throw AppException.forbidden(`The time report needs the permission ${Permission.WorkLogsRead}`);
    const rows = await this.reports.time(from, to, everyone ? null : principal.id);
    return {
      from,
      to,
      covers: everyone ? 'everyone' : 'own',
      rows,
      totals: {
        billable_minutes: rows.reduce((s, r) => s + r.billable_minutes, 0),
        non_billable_minutes: rows.reduce((s, r) => s + r.non_billable_minutes, 0),
      },
    };
  }

  private async taskScope(principal: Principal): Promise<ReadScope> {
    const forbidden = AppException.forbidden(
      `The program overview needs the permission ${Permission.TasksRead}`,
    );
    if (!scopesAllow(principal.scopes, Permission.TasksRead, principal.kind)) throw forbidden;
    const scope = await this.policy.accessibleContexts(principal, Permission.TasksRead);
    if (!scope.tenantWide && !scope.programIds.length && !scope.taskIds.length) throw forbidden;
    return scope;
  }
}
