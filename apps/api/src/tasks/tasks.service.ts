import { Injectable } from '@nestjs/common';
import {
  AppException,
  assertVersionMatches,
  Enveloped,
  ErrorDetail,
  isUuid,
  paginate,
  parseListQuery,
  RequestContext,
} from '@oversing/platform';
import type {
  CertificationProjection,
  TaskCertificationSummary,
} from '../certifications/certification-projection.entity';
import { Permission } from '../access/permissions';
import { PolicyService } from '../access/policy.service';
import { ResourceHierarchy } from '../access/resource-hierarchy';
import {
  CertificationProjectionRepository,
  taskCertificationSummary,
} from '../certifications/certification-projection.repository';
import { AuditRecorder } from '../audit/audit-recorder';
import { AuditQueryService } from '../audit/audit-query.service';
import { DomainEventBus } from '../events/domain-event-bus';
import { UserRepository } from '../identity/user.repository';
import { ProgramRepository } from '../programs/program.repository';
import { AddDependencyDto, BulkUpdateTasksDto, CreateTaskDto, UpdateTaskDto } from './dto/task.dto';
import type { TaskDependenciesDto, TaskDependencyDto } from './dto/task-response.dto';
import { publicTask, Task, TASK_FIELDS, TASK_STATUSES } from './task.entity';
import { TaskFilters, TaskRepository } from './task.repository';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function channelsOf(task: Task): string[] {
  const channels = [`task.${task.id}`, `program.${task.programId}`, `tenant.${task.tenantId}`];
  if (task.assigneeId) channels.push(`user.${task.assigneeId}`);
  return channels;
}

function certificationOf(
  latest: Map<string, CertificationProjection>,
  taskId: string,
): TaskCertificationSummary | null {
  const row = latest.get(taskId);
  return row ? taskCertificationSummary(row) : null;
}

@Injectable()
export class TasksService {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly programs: ProgramRepository,
    private readonly users: UserRepository,
    private readonly audit: AuditRecorder,
    private readonly auditQuery: AuditQueryService,
    private readonly bus: DomainEventBus,
    private readonly certifications: CertificationProjectionRepository,
    private readonly policy: PolicyService,
    hierarchy: ResourceHierarchy,
  ) {
    hierarchy.register('task', async (id) => {
      const chain = await this.tasks.contextChain(id);
      return chain.length ? chain : null;
    });
  }

  async list(raw: Record<string, unknown>): Promise<Enveloped<Record<string, unknown>[]>> {
    const query = parseListQuery(raw, {
      sortable: {
        created_at: 'created_at',
        updated_at: 'updated_at',
        due_date: 'due_date',
        priority: 'priority',
        title: 'title',
        status: 'status',
      },
      filterable: ['status', 'assignee', 'program', 'due_from', 'due_to', 'q', 'workflow', 'workflow_state'],
      selectable: [...TASK_FIELDS, 'workflow', 'certification'],
      defaultSort: '-created_at',
      maxLimit: 200,
    });
    const f = query.filters;
    const details: ErrorDetail[] = [];
    const filters: TaskFilters = {};
    if (f.status !== undefined) {
      filters.statuses = f.status.split(',').filter(Boolean);
      const bad = filters.statuses.filter((s) => !(TASK_STATUSES as readonly string[]).includes(s));
      if (bad.length || !filters.statuses.length)
        details.push({ field: 'filter[status]', message: `must be among ${TASK_STATUSES.join(', ')}` });
    }
    if (f.assignee !== undefined) {
      if (f.assignee === 'none') filters.assignee = null;
      else if (isUuid(f.assignee)) filters.assignee = f.assignee;
      else details.push({ field: 'filter[assignee]', message: 'must be a user id or "none"' });
    }
    if (f.program !== undefined) {
      if (isUuid(f.program)) filters.programId = f.program;
      else details.push({ field: 'filter[program]', message: 'must be a UUID' });
    }
    for (const key of ['due_from', 'due_to'] as const) {
      if (f[key] === undefined) continue;
      if (!DATE.test(f[key]) || Number.isNaN(Date.parse(f[key])))
        details.push({ field: `filter[${key}]`, message: 'must be a date (YYYY-MM-DD)' });
      else if (key === 'due_from') filters.dueFrom = f[key];
      else filters.dueTo = f[key];
    }
    if (f.q !== undefined) {
      if (f.q.length > 200) details.push({ field: 'filter[q]', message: 'must be at most 200 characters' });
      else if (f.q.trim()) filters.text = f.q.trim();
    }
    if (f.workflow !== undefined) {
      if (isUuid(f.workflow)) filters.workflowId = f.workflow;
      else details.push({ field: 'filter[workflow]', message: 'must be a UUID' });
    }
    if (f.workflow_state !== undefined) {
      filters.workflowStates = f.workflow_state.split(',').filter(Boolean);
      if (!filters.workflowStates.length || filters.workflowStates.some((k) => k.length > 50))
        details.push({ field: 'filter[workflow_state]', message: 'must be comma-separated state keys' });
    }
    if (details.length) throw AppException.validation(details);

    const rows = await this.tasks.list(query, filters);
    const placements = await this.tasks.workflowPlacements(rows.map((t) => t.id));
    const certifications = await this.certifications.latestForTasks(rows.map((t) => t.id));
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(f)) params.set(`filter[${key}]`, value);
    params.set('sort', query.sort.map((s) => (s.direction === 'DESC' ? '-' : '') + s.field).join(','));
    params.set('limit', String(query.limit));
    if (query.fields) params.set('fields', query.fields.join(','));
    return paginate(
      rows.map((t): Record<string, unknown> => ({
        ...publicTask(t),
        workflow: placements.get(t.id) ?? null,
        certification: certificationOf(certifications, t.id),
      })),
      query,
      (row) => [...query.sort.map((s) => row[s.field] as string | number | null), row.id as string],
      `/api/v1/tasks?${params.toString()}`,
    );
  }

  /** A task as responses show it: its fields, where it stands in its workflow, its latest certification. */
  async present(task: Task): Promise<Record<string, unknown>> {
    return (await this.presentMany([task]))[0];
  }

  async presentMany(tasks: Task[]): Promise<Record<string, unknown>[]> {
    const ids = tasks.map((t) => t.id);
    const placements = await this.tasks.workflowPlacements(ids);
    const certifications = await this.certifications.latestForTasks(ids);
    return tasks.map((t) => ({
      ...publicTask(t),
      workflow: placements.get(t.id) ?? null,
      certification: certificationOf(certifications, t.id),
    }));
  }

  async get(id: string): Promise<Task> {
    const task = await this.tasks.findById(id);
    if (!task) throw AppException.notFound('Task');
    return task;
  }

  async create(dto: CreateTaskDto): Promise<Task> {
    return this.bus.transaction(async () => {
      const details: ErrorDetail[] = [];
      if (!(await this.programs.findById(dto.program_id)))
        details.push({ field: 'program_id', message: 'no program with this id in the tenant' });
      if (dto.assignee_id && !(await this.users.findById(dto.assignee_id)))
        details.push({ field: 'assignee_id', message: 'no user with this id in the tenant' });
      if (details.length) throw AppException.validation(details);
      const status = dto.status ?? 'todo';
      const task = await this.tasks.insert({
        programId: dto.program_id,
        title: dto.title.trim(),
        description: dto.description ?? '',
        status,
        priority: dto.priority ?? 3,
        assigneeId: dto.assignee_id ?? null,
        dueDate: dto.due_date ?? null,
        estimateMinutes: dto.estimate_minutes ?? null,
        completedAt: status === 'done' ? new Date() : null,
      });
      const after = publicTask(task);
      await this.audit.record({
        entityType: 'task',
        entityId: task.id,
        action: 'created',
        before: null,
        after,
      });
      await this.bus.publish({
        type: 'task.created',
        entityType: 'task',
        entityId: task.id,
        channels: channelsOf(task),
        payload: after,
      });
      return task;
    });
  }

  async update(id: string, dto: UpdateTaskDto, ifMatch: number | undefined): Promise<Task> {
    return this.bus.transaction(() => this.applyUpdate(id, dto, ifMatch, 'updated'));
  }

  async bulkUpdate(dto: BulkUpdateTasksDto): Promise<Task[]> {
    if (!Object.values(dto.changes).some((v) => v !== undefined))
      throw AppException.validation([{ field: 'changes', message: 'must change at least one field' }]);
    return this.bus.transaction(async () => {
      const found = await this.tasks.findManyByIds(dto.ids);
      const missing = dto.ids.filter((id) => !found.some((t) => t.id === id));
      if (missing.length)
        throw AppException.validation(
          missing.map((id) => ({ field: 'ids', message: `no task ${id} in the tenant` })),
        );
      const updated: Task[] = [];
      for (const id of [...dto.ids].sort())
        updated.push(await this.applyUpdate(id, dto.changes, undefined, 'updated'));
      return dto.ids.map((id) => updated.find((t) => t.id === id)!);
    });
  }

  async assign(id: string, assigneeId: string | null, ifMatch: number | undefined): Promise<Task> {
    return this.bus.transaction(() => this.applyUpdate(id, { assignee_id: assigneeId }, ifMatch, 'assigned'));
  }

  async remove(id: string, ifMatch: number | undefined): Promise<void> {
    await this.bus.transaction(async () => {
      const task = await this.tasks.findForUpdate(id);
      if (!task) throw AppException.notFound('Task');
      assertVersionMatches('task', task.version, ifMatch);
      await this.tasks.deleteById(id);
      const before = publicTask(task);
      await this.audit.record({ entityType: 'task', entityId: id, action: 'deleted', before, after: null });
      await this.bus.publish({
        type: 'task.deleted',
        entityType: 'task',
        entityId: id,
        channels: channelsOf(task),
        payload: { id, program_id: task.programId },
      });
    });
  }

  private async applyUpdate(
    id: string,
    dto: UpdateTaskDto,
    ifMatch: number | undefined,
    action: 'updated' | 'assigned',
  ): Promise<Task> {
    const task = await this.tasks.findForUpdate(id);
    if (!task) throw AppException.notFound('Task');
    assertVersionMatches('task', task.version, ifMatch);
    const before = publicTask(task);
    const details: ErrorDetail[] = [];
    if (dto.program_id !== undefined && dto.program_id !== task.programId) {
      if (!(await this.programs.findById(dto.program_id)))
        details.push({ field: 'program_id', message: 'no program with this id in the tenant' });
    }
    if (
      dto.assignee_id &&
      dto.assignee_id !== task.assigneeId &&
      !(await this.users.findById(dto.assignee_id))
    )
      details.push({ field: 'assignee_id', message: 'no user with this id in the tenant' });
    if (details.length) throw AppException.validation(details);

    if (dto.status === 'done' && task.status !== 'done') {
      const blockers = await this.tasks.openBlockers(task.id);
      if (blockers.length) {
        throw AppException.unprocessable(
          `The task cannot be completed while ${blockers.length} blocking task(s) are open`,
          blockers.map((b) => ({
            field: 'status',
            message: `blocked by task ${b.id} "${b.title}" (${b.status})`,
            blocker_id: b.id,
          })),
        );
      }
    }
    const assigneeChanged = dto.assignee_id !== undefined && dto.assignee_id !== task.assigneeId;
    if (dto.program_id !== undefined) task.programId = dto.program_id;
    if (dto.title !== undefined) task.title = dto.title.trim();
    if (dto.description !== undefined) task.description = dto.description;
    if (dto.priority !== undefined) task.priority = dto.priority;
    if (dto.assignee_id !== undefined) task.assigneeId = dto.assignee_id;
    if (dto.due_date !== undefined) task.dueDate = dto.due_date;
    if (dto.estimate_minutes !== undefined) task.estimateMinutes = dto.estimate_minutes;
    if (dto.llm_output !== undefined)
      task.llmOutput = dto.llm_output
        ? {
            input: dto.llm_output.input,
            output: dto.llm_output.output,
            provider: dto.llm_output.provider,
            model: dto.llm_output.model,
          }
        : null;
    if (dto.status !== undefined && dto.status !== task.status) {
      task.status = dto.status;
      task.completedAt = dto.status === 'done' ? new Date() : null;
    }
    const saved = await this.tasks.save(task);
    const after = publicTask(saved);
    await this.audit.record({ entityType: 'task', entityId: saved.id, action, before, after });
    await this.bus.publish({
      type: action === 'assigned' ? 'task.assigned' : 'task.updated',
      entityType: 'task',
      entityId: saved.id,
      channels: channelsOf(saved),
      payload: after,
    });
    if (action === 'updated' && assigneeChanged) {
      await this.bus.publish({
        type: 'task.assigned',
        entityType: 'task',
        entityId: saved.id,
        channels: channelsOf(saved),
        payload: { id: saved.id, assignee_id: saved.assigneeId, previous_assignee_id: before.assignee_id },
      });
    }
    return saved;
  }

  async dependencies(id: string): Promise<TaskDependenciesDto> {
    await this.get(id);
    const edges = await this.tasks.dependenciesOf(id);
    const named = await this.readableSummaries(
      edges.map((e) => (e.blocked_id === id ? e.blocker_id : e.blocked_id)),
    );
    const view = (taskId: string, type: string): TaskDependencyDto => ({
      task_id: taskId,
      type,
      title: named.get(taskId)?.title ?? null,
      status: named.get(taskId)?.status ?? null,
    });
    return {
      blocked_by: edges.filter((e) => e.blocked_id === id).map((e) => view(e.blocker_id, e.type)),
      blocks: edges.filter((e) => e.blocker_id === id).map((e) => view(e.blocked_id, e.type)),
    };
  }

  /**
   * Title and status of those of `ids` the caller may read (tasks:read on the task, its program or the
   * tenant): a dependency on a task the caller may not read is listed, but never named.
   */
  private async readableSummaries(
    ids: string[],
  ): Promise<Map<string, { title: string; status: Task['status'] }>> {
    const principal = RequestContext.principal();
    const named = new Map<string, { title: string; status: Task['status'] }>();
    if (!principal) return named;
    for (const row of await this.tasks.summaries([...new Set(ids)])) {
      const decision = await this.policy.authorize(principal, Permission.TasksRead, {
        type: 'task',
        id: row.id,
      });
      if (decision === 'allow') named.set(row.id, { title: row.title, status: row.status });
    }
    return named;
  }

  async addDependency(id: string, dto: AddDependencyDto): Promise<TaskDependenciesDto> {
    await this.bus.transaction(async () => {
      await this.tasks.lockDependencyGraph();
      const task = await this.get(id);
      if (dto.blocker_id === id)
        throw AppException.unprocessable('A task cannot block itself', [
          { field: 'blocker_id', message: `cycle: ${id} -> ${id}` },
        ]);
      const blocker = await this.tasks.findById(dto.blocker_id);
      if (!blocker)
        throw AppException.validation([
          { field: 'blocker_id', message: 'no task with this id in the tenant' },
        ]);
      // The new edge blocker -> task closes a cycle when task already (transitively) blocks the blocker.
      const path = await this.tasks.pathBetween(task.id, blocker.id);
      if (path) {
        // each task of the cycle blocks the next; the new edge (blocker → task) would close it
        const cycle = [...path, task.id];
        const named = await this.readableSummaries(cycle);
        const names = cycle.map((c) => (named.has(c) ? `“${named.get(c)!.title}”` : 'a task you cannot see'));
        const words = names
          .slice(1)
          .map((name, i) =>
            i === names.length - 2 ? `, which would block ${name}` : `, which blocks ${name}`,
          )
          .join('')
          .replace(/^, which blocks/, ' blocks')
          .replace(/^, which would block/, ' would block');
        throw AppException.unprocessable(
          `Adding this dependency would create a cycle: ${names[0]}${words}.`,
          [{ field: 'blocker_id', message: `cycle: ${cycle.join(' -> ')}`, cycle }],
        );
      }
      if (!(await this.tasks.addDependency(blocker.id, task.id))) return;
      await this.audit.record({
        entityType: 'task',
        entityId: task.id,
        action: 'dependency_added',
        before: null,
        after: { blocker_id: blocker.id, blocked_id: task.id, type: 'finish_to_start' },
      });
      await this.bus.publish({
        type: 'task.updated',
        entityType: 'task',
        entityId: task.id,
        channels: channelsOf(task),
        payload: { id: task.id, dependency_added: { blocker_id: blocker.id } },
      });
    });
    return this.dependencies(id);
  }

  async removeDependency(id: string, blockerId: string): Promise<void> {
    await this.bus.transaction(async () => {
      const task = await this.get(id);
      if (!(await this.tasks.removeDependency(blockerId, task.id))) throw AppException.notFound('Dependency');
      await this.audit.record({
        entityType: 'task',
        entityId: task.id,
        action: 'dependency_removed',
        before: { blocker_id: blockerId, blocked_id: task.id, type: 'finish_to_start' },
        after: null,
      });
      await this.bus.publish({
        type: 'task.updated',
        entityType: 'task',
        entityId: task.id,
        channels: channelsOf(task),
        payload: { id: task.id, dependency_removed: { blocker_id: blockerId } },
      });
    });
  }

  async history(id: string): Promise<Record<string, unknown>[]> {
    // History outlives the task: a deleted task still has its trail, so look only at the audit rows.
    const entries = await this.auditQuery.history('task', id);
    if (!entries.length) throw AppException.notFound('Task');
    return entries;
  }
}
