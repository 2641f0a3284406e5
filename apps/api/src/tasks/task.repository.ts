import { Injectable } from '@nestjs/common';
import { isUuid, ListQuery, keysetCondition, TenantScopedRepository, UnitOfWork } from '@oversing/platform';
import { CLOSED_STATUSES, Task, TaskDependency } from './task.entity';

export const TASK_SORT_COLUMNS: Record<string, string> = {
  created_at: 'task.created_at',
  updated_at: 'task.updated_at',
  due_date: 'task.due_date',
  priority: 'task.priority',
  title: 'task.title',
  status: 'task.status',
};

export interface TaskFilters {
  statuses?: string[];
  assignee?: string | null;
  programId?: string;
  dueFrom?: string;
  dueTo?: string;
  text?: string;
  /** The workflow the task follows (its instance's, else the tenant default it would be attached to). */
  workflowId?: string;
  /** Keys of the state the task is in within that workflow. */
  workflowStates?: string[];
}

/** A task's place in its workflow, as task responses show it. */
export interface TaskWorkflowPlacement {
  /** The workflow the task follows. */
  id: string;
  /** Null while the task has no instance yet: the first transition attaches it where `state` says. */
  instance_id: string | null;
  state: string;
  state_name: string;
  /** Votes count within a round; it changes on every transition. */
  round: number;
}

/**
 * SQL for the effective workflow of each task row (alias `task`, tenant parameter `:tenantId`): its
 * instance's workflow and state, or, for a task without an instance, the tenant's default workflow in the
 * first state whose category is the task's status, else the initial state (exactly where
 * WorkflowGuards.load attaches it on the first transition).
 */
const EFFECTIVE_WORKFLOW_ID = `coalesce(
  (SELECT wi.workflow_id FROM workflow_instances wi WHERE wi.task_id = task.id AND wi.tenant_id = :tenantId),
  (SELECT dw.id FROM workflows dw WHERE dw.tenant_id = :tenantId AND dw.is_default LIMIT 1))`;
const effectiveState = (column: 'key' | 'name') => `coalesce(
  (SELECT s.${column} FROM workflow_instances wi JOIN workflow_states s ON s.id = wi.current_state_id
    WHERE wi.task_id = task.id AND wi.tenant_id = :tenantId),
  (SELECT s.${column} FROM workflows dw JOIN workflow_states s ON s.workflow_id = dw.id AND s.tenant_id = :tenantId
    WHERE dw.tenant_id = :tenantId AND dw.is_default
      AND (s.category = task.status OR s.key = dw.initial_state_key)
    ORDER BY (s.category = task.status) DESC, s.position LIMIT 1))`;

@Injectable()
export class TaskRepository extends TenantScopedRepository<Task> {
  constructor(uow: UnitOfWork) {
    super(uow, Task, 'task');
  }

  /** Loads a task and locks its row until the transaction ends (edits serialize per task). */
  async findForUpdate(id: string): Promise<Task | null> {
    if (!isUuid(id)) return null;
    return this.scopedQuery().andWhere('task.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  /** The task, then its program and the program's ancestors; empty when not in the tenant. */
  async contextChain(id: string): Promise<{ type: string; id: string }[]> {
    if (!isUuid(id)) return [];
    const rows = (await this.uow.manager().query(
      `WITH RECURSIVE chain AS (
         SELECT p.id, p.parent_id, 0 AS depth FROM tasks t JOIN programs p ON p.id = t.program_id
          WHERE t.id = $1 AND t.tenant_id = $2
         UNION ALL
         SELECT p.id, p.parent_id, c.depth + 1 FROM programs p JOIN chain c ON p.id = c.parent_id
          WHERE p.tenant_id = $2 AND c.depth < 50
       ) SELECT id FROM chain ORDER BY depth`,
      [id, this.tenantId],
    )) as { id: string }[];
    if (!rows.length) return [];
    return [{ type: 'task', id }, ...rows.map((r) => ({ type: 'program', id: r.id }))];
  }

  list(query: ListQuery, filters: TaskFilters): Promise<Task[]> {
    const builder = this.scopedQuery();
    if (filters.statuses?.length)
      builder.andWhere('task.status IN (:...statuses)', { statuses: filters.statuses });
    if (filters.assignee === null) builder.andWhere('task.assignee_id IS NULL');
    else if (filters.assignee)
      builder.andWhere('task.assignee_id = :assignee', { assignee: filters.assignee });
    if (filters.programId) builder.andWhere('task.program_id = :programId', { programId: filters.programId });
    if (filters.dueFrom) builder.andWhere('task.due_date >= :dueFrom', { dueFrom: filters.dueFrom });
    if (filters.dueTo) builder.andWhere('task.due_date <= :dueTo', { dueTo: filters.dueTo });
    if (filters.text)
      builder.andWhere(`task.search @@ plainto_tsquery('simple', :text)`, { text: filters.text });
    if (filters.workflowId)
      builder.andWhere(`${EFFECTIVE_WORKFLOW_ID} = :workflowId`, { workflowId: filters.workflowId });
    if (filters.workflowStates?.length)
      builder.andWhere(`${effectiveState('key')} IN (:...workflowStates)`, {
        workflowStates: filters.workflowStates,
      });
    if (query.cursor) {
      const keyset = keysetCondition(query.sort, TASK_SORT_COLUMNS, 'task.id', query.cursor);
      builder.andWhere(keyset.sql, keyset.params);
    }
    // Same order as orderByClause (each sort column NULLS LAST, then the id), as TypeORM order keys.
    builder.orderBy();
    for (const s of query.sort) builder.addOrderBy(TASK_SORT_COLUMNS[s.field], s.direction, 'NULLS LAST');
    return builder
      .addOrderBy('task.id', 'ASC')
      .limit(query.limit + 1)
      .getMany();
  }

  /** Where each task stands in its workflow; tasks following none (no default workflow) are absent. */
  async workflowPlacements(ids: string[]): Promise<Map<string, TaskWorkflowPlacement>> {
    const placements = new Map<string, TaskWorkflowPlacement>();
    const valid = ids.filter(isUuid);
    if (!valid.length) return placements;
    const rows = await this.scopedQuery()
      .select('task.id', 'task_id')
      .addSelect(EFFECTIVE_WORKFLOW_ID, 'workflow_id')
      .addSelect(
        '(SELECT wi.id FROM workflow_instances wi WHERE wi.task_id = task.id AND wi.tenant_id = :tenantId)',
        'instance_id',
      )
      .addSelect(
        '(SELECT wi.round FROM workflow_instances wi WHERE wi.task_id = task.id AND wi.tenant_id = :tenantId)',
        'round',
      )
      .addSelect(effectiveState('key'), 'state')
      .addSelect(effectiveState('name'), 'state_name')
      .andWhere('task.id IN (:...ids)', { ids: valid })
      .getRawMany<{
        task_id: string;
        workflow_id: string | null;
        instance_id: string | null;
        round: number | null;
        state: string | null;
        state_name: string | null;
      }>();
    for (const row of rows)
      if (row.workflow_id && row.state)
        placements.set(row.task_id, {
          id: row.workflow_id,
          instance_id: row.instance_id,
          state: row.state,
          state_name: row.state_name ?? row.state,
          round: row.round ?? 1,
        });
    return placements;
  }

  /**
   * Sets the status a workflow state implies and always bumps the version (a transition is a change of
   * the task even when its status category stays the same). The caller holds the row lock.
   */
  async applyWorkflowStatus(task: Task, status: Task['status']): Promise<Task> {
    await this.uow.manager().query(
      `UPDATE tasks SET status = $3::varchar, version = version + 1, updated_at = now(),
              completed_at = CASE WHEN $3::varchar = 'done' THEN coalesce(completed_at, now()) ELSE NULL END
        WHERE id = $1 AND tenant_id = $2`,
      [task.id, this.tenantId, status],
    );
    return (await this.findById(task.id))!;
  }

  /** Blockers of a task that are still open (not done or cancelled). */
  openBlockers(id: string): Promise<{ id: string; title: string; status: string }[]> {
    return this.uow.manager().query(
      `SELECT t.id, t.title, t.status FROM task_dependencies d JOIN tasks t ON t.id = d.blocker_id
        WHERE d.blocked_id = $1 AND d.tenant_id = $2 AND t.status <> ALL($3) ORDER BY t.created_at, t.id`,
      [id, this.tenantId, CLOSED_STATUSES],
    );
  }

  /** Title and status of tasks of the tenant, by id. */
  summaries(ids: string[]): Promise<{ id: string; title: string; status: Task['status'] }[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.uow
      .manager()
      .query(`SELECT id, title, status FROM tasks WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [
        this.tenantId,
        ids,
      ]);
  }

  dependenciesOf(id: string): Promise<{ blocker_id: string; blocked_id: string; type: string }[]> {
    return this.uow.manager().query(
      `SELECT blocker_id, blocked_id, type FROM task_dependencies
        WHERE tenant_id = $1 AND (blocked_id = $2 OR blocker_id = $2) ORDER BY created_at, id`,
      [this.tenantId, id],
    );
  }

  /** Serializes dependency changes within the tenant so two concurrent edges cannot form a cycle. */
  async lockDependencyGraph(): Promise<void> {
    await this.uow
      .manager()
      .query(`SELECT pg_advisory_xact_lock(hashtext('task_dependencies:' || $1))`, [this.tenantId]);
  }

  /**
   * A path from `from` to `to` following blocker → blocked edges, as task ids, or null. Adding the edge
   * to → from closes a cycle exactly when such a path exists.
   */
  async pathBetween(from: string, to: string): Promise<string[] | null> {
    const rows = (await this.uow.manager().query(
      `WITH RECURSIVE walk(node, path) AS (
         SELECT $1::uuid, ARRAY[$1::uuid]
         UNION ALL
         SELECT d.blocked_id, w.path || d.blocked_id FROM walk w
           JOIN task_dependencies d ON d.blocker_id = w.node AND d.tenant_id = $3
          WHERE NOT d.blocked_id = ANY(w.path) AND cardinality(w.path) < 10000
       ) SELECT path FROM walk WHERE node = $2::uuid LIMIT 1`,
      [from, to, this.tenantId],
    )) as { path: string[] }[];
    return rows.length ? rows[0].path : null;
  }

  async addDependency(blockerId: string, blockedId: string): Promise<boolean> {
    const result = await this.uow
      .manager()
      .createQueryBuilder()
      .insert()
      .into(TaskDependency)
      .values({ tenantId: this.tenantId, blockerId, blockedId, type: 'finish_to_start' })
      .orIgnore()
      .execute();
    return (result.raw as unknown[]).length > 0;
  }

  async removeDependency(blockerId: string, blockedId: string): Promise<boolean> {
    if (!isUuid(blockerId)) return false;
    const result = await this.uow
      .repositoryFor(TaskDependency)
      .delete({ tenantId: this.tenantId, blockerId, blockedId });
    return (result.affected ?? 0) > 0;
  }
}
