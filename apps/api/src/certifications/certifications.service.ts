import { Injectable, Logger } from '@nestjs/common';
import { AppException, Enveloped, ErrorDetail, isUuid, paginate, parseListQuery } from '@oversing/platform';
import type { CertificateBundle } from '@oversing/verifier';
import { TaskRepository } from '../tasks/task.repository';
import { CertificationFeedConsumer } from './certification-feed.consumer';
import { CERTIFICATION_STATUSES, CertificationProjection } from './certification-projection.entity';
import {
  CertificationFilters,
  CertificationProjectionRepository,
} from './certification-projection.repository';
import { CertificationServiceGateway } from './certification-service.gateway';
import type {
  CertificationAuditEntryDto,
  CertificationDto,
  CertificationSummaryDto,
  CertificationVerificationDto,
} from './dto/certification.dto';

const DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * The API's certification module: lists from the API's copy of certification statuses (filters the
 * certification service cannot answer, like the task's program, included), and everything else through
 * the certification service on the caller's behalf (CertificationServiceGateway), so the service records
 * the real actor and applies its own rules. After a request or a decision the status feed is pulled at
 * once, so tasks, workflows, webhooks and realtime follow without waiting for the next poll.
 */
@Injectable()
export class CertificationsService {
  private readonly logger = new Logger(CertificationsService.name);

  constructor(
    private readonly projections: CertificationProjectionRepository,
    private readonly tasks: TaskRepository,
    private readonly gateway: CertificationServiceGateway,
    private readonly feed: CertificationFeedConsumer,
  ) {}

  async list(raw: Record<string, unknown>): Promise<Enveloped<Record<string, unknown>[]>> {
    const query = parseListQuery(raw, {
      sortable: { created_at: 'created_at', status_at: 'status_at', risk_score: 'risk_score' },
      filterable: [
        'status',
        'task',
        'program',
        'risk_min',
        'risk_max',
        'created_from',
        'created_to',
        'policy',
        'rule',
      ],
      selectable: [],
      defaultSort: '-created_at',
      maxLimit: 200,
    });
    const f = query.filters;
    const details: ErrorDetail[] = [];
    const filters: CertificationFilters = {};
    if (f.status !== undefined) {
      filters.statuses = f.status.split(',').filter(Boolean);
      if (
        !filters.statuses.length ||
        filters.statuses.some((s) => !(CERTIFICATION_STATUSES as readonly string[]).includes(s))
      )
        details.push({
          field: 'filter[status]',
          message: `must be among ${CERTIFICATION_STATUSES.join(', ')}`,
        });
    }
    for (const [key, target] of [
      ['task', 'taskId'],
      ['program', 'programId'],
    ] as const) {
      if (f[key] === undefined) continue;
      if (isUuid(f[key])) filters[target] = f[key];
      else details.push({ field: `filter[${key}]`, message: 'must be a UUID' });
    }
    for (const [key, target] of [
      ['risk_min', 'riskMin'],
      ['risk_max', 'riskMax'],
    ] as const) {
      if (f[key] === undefined) continue;
      const n = Number(f[key]);
      if (f[key].trim() === '' || !Number.isFinite(n) || n < 0 || n > 1)
        details.push({ field: `filter[${key}]`, message: 'must be a number between 0 and 1' });
      else filters[target] = n;
    }
    for (const [key, target] of [
      ['created_from', 'createdFrom'],
      ['created_to', 'createdTo'],
    ] as const) {
      if (f[key] === undefined) continue;
      if (!DATE.test(f[key]) || Number.isNaN(Date.parse(f[key])))
        details.push({ field: `filter[${key}]`, message: 'must be an ISO 8601 date or date-time' });
      else filters[target] = new Date(f[key]);
    }
    for (const key of ['policy', 'rule'] as const) {
      if (f[key] === undefined) continue;
      if (!f[key].length || f[key].length > 200)
        details.push({ field: `filter[${key}]`, message: 'must be 1 to 200 characters' });
      else if (key === 'policy') filters.policyKey = f[key];
      else filters.rule = f[key];
    }
    if (details.length) throw AppException.validation(details);

    const rows = await this.projections.list(query, filters);
    const taskIds = [...new Set(rows.map((r) => r.taskId).filter((id): id is string => id !== null))];
    const tasks = new Map((await this.tasks.findManyByIds(taskIds)).map((t) => [t.id, t]));
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(f)) params.set(`filter[${key}]`, value);
    params.set('sort', query.sort.map((s) => (s.direction === 'DESC' ? '-' : '') + s.field).join(','));
    params.set('limit', String(query.limit));
    const presented = rows.map((row) => {
      const task = row.taskId ? tasks.get(row.taskId) : undefined;
      return summaryOf(row, task ? { title: task.title, programId: task.programId } : null);
    });
    return paginate(
      presented as unknown as Record<string, unknown>[],
      query,
      (row) => [...query.sort.map((s) => row[s.field] as string | number), row.id as string],
      `/api/v1/certifications?${params.toString()}`,
    );
  }

  async get(id: string): Promise<CertificationDto> {
    return (await this.gateway.call<CertificationDto>('GET', `/api/v1/certifications/${checked(id)}`)).data;
  }

  /** Certifies the task's current llm_output (the service evaluates the policy and signs). */
  async request(taskId: string, policyKey: string): Promise<CertificationDto> {
    const task = await this.tasks.findById(taskId);
    if (!task) throw AppException.notFound('Task');
    if (!task.llmOutput)
      throw AppException.unprocessable('The task has no llm_output to certify', [
        { field: 'task_id', message: 'set llm_output on the task first (PATCH /api/v1/tasks/{id})' },
      ]);
    const { data } = await this.gateway.call<CertificationDto>('POST', '/api/v1/certifications', {
      input: task.llmOutput.input,
      output: task.llmOutput.output,
      provider: task.llmOutput.provider,
      model: task.llmOutput.model,
      policy_key: policyKey,
      task_id: task.id,
      metadata: { requested_through: 'oversing-api' },
    });
    this.catchUp();
    return data;
  }

  async decide(
    id: string,
    action: 'approve' | 'reject' | 'revoke',
    reason: string,
  ): Promise<CertificationDto> {
    const { data } = await this.gateway.call<CertificationDto>(
      'POST',
      `/api/v1/certifications/${checked(id)}/${action}`,
      { reason },
    );
    this.catchUp();
    return data;
  }

  async audit(id: string): Promise<CertificationAuditEntryDto[]> {
    return (
      await this.gateway.call<CertificationAuditEntryDto[]>(
        'GET',
        `/api/v1/certifications/${checked(id)}/audit`,
      )
    ).data;
  }

  async versions(id: string): Promise<CertificationDto[]> {
    return (
      await this.gateway.call<CertificationDto[]>('GET', `/api/v1/certifications/${checked(id)}/versions`)
    ).data;
  }

  /** The bundle as the certification service serves it (no envelope): verifiable as is. */
  bundle(id: string): Promise<CertificateBundle> {
    return this.gateway.raw<CertificateBundle>(`/api/v1/certifications/${checked(id)}/bundle`);
  }

  async verify(id: string): Promise<CertificationVerificationDto> {
    return (
      await this.gateway.call<CertificationVerificationDto>(
        'POST',
        `/api/v1/certifications/${checked(id)}/verify`,
      )
    ).data;
  }

  /** Applies what the call changed right away (the scheduled pull would within its interval anyway). */
  private catchUp(): void {
    this.feed
      .pull()
      .catch((error: Error) => this.logger.warn(`certification feed pull failed: ${error.message}`));
  }
}

function checked(id: string): string {
  if (!isUuid(id)) throw AppException.notFound('Certification');
  return id;
}

function summaryOf(
  row: CertificationProjection,
  task: { title: string; programId: string } | null,
): CertificationSummaryDto {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    task_id: row.taskId,
    task_title: task?.title ?? null,
    program_id: task?.programId ?? null,
    risk_score: row.riskScore,
    policy_key: row.policyKey,
    provider: row.provider,
    model: row.model,
    failed_rules: row.failedRules,
    created_by: row.createdBy,
    created_at: row.certificationCreatedAt.toISOString(),
    status_at: row.statusAt.toISOString(),
    status_reason: row.statusReason,
    status_actor: { type: row.statusActorType, id: row.statusActorId },
    expires_at: row.expiresAt?.toISOString() ?? null,
  };
}
