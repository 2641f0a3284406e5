import { Injectable } from '@nestjs/common';
import { isUuid, keysetCondition, ListQuery, TenantScopedRepository, UnitOfWork } from '@oversing/platform';
import {
  Workflow,
  WorkflowDefinition,
  WorkflowInstance,
  WorkflowInstanceVote,
  WorkflowState,
  WorkflowTransition,
  VoteDecision,
} from './workflow.entity';

export const WORKFLOW_SORTABLE: Record<string, string> = {
  name: 'workflow.name',
  created_at: 'workflow.created_at',
};

export interface NewWorkflowDefinition {
  workflow: Pick<Workflow, 'name' | 'description' | 'isDefault' | 'allowOpenBlockers' | 'initialStateKey'>;
  states: Pick<
    WorkflowState,
    | 'key'
    | 'name'
    | 'category'
    | 'requiresCertification'
    | 'requestCertification'
    | 'onCertification'
    | 'position'
  >[];
  transitions: (Omit<WorkflowTransition, 'id' | 'tenantId' | 'workflowId' | 'fromStateId' | 'toStateId'> & {
    from: string;
    to: string;
  })[];
}

/** Workflow definitions (workflow, states, transitions) of the current tenant. */
@Injectable()
export class WorkflowRepository extends TenantScopedRepository<Workflow> {
  constructor(uow: UnitOfWork) {
    super(uow, Workflow, 'workflow');
  }

  async definition(id: string): Promise<WorkflowDefinition | null> {
    const workflow = await this.findById(id);
    return workflow ? this.withParts(workflow) : null;
  }

  async defaultDefinition(): Promise<WorkflowDefinition | null> {
    const workflow = await this.scopedQuery().andWhere('workflow.is_default').getOne();
    return workflow ? this.withParts(workflow) : null;
  }

  findByName(name: string): Promise<Workflow | null> {
    return this.repository.findOne({ where: this.scopedWhere({ name }) });
  }

  async list(query: ListQuery): Promise<WorkflowDefinition[]> {
    const builder = this.scopedQuery();
    if (query.cursor) {
      const keyset = keysetCondition(query.sort, WORKFLOW_SORTABLE, 'workflow.id', query.cursor);
      builder.andWhere(keyset.sql, keyset.params);
    }
    builder.orderBy();
    for (const s of query.sort) builder.addOrderBy(WORKFLOW_SORTABLE[s.field], s.direction, 'NULLS LAST');
    const rows = await builder
      .addOrderBy('workflow.id', 'ASC')
      .limit(query.limit + 1)
      .getMany();
    return Promise.all(rows.map((w) => this.withParts(w)));
  }

  async insertDefinition(def: NewWorkflowDefinition): Promise<WorkflowDefinition> {
    const workflow = await this.insert(def.workflow);
    const states = await this.uow
      .repositoryFor(WorkflowState)
      .save(def.states.map((s) => ({ ...s, tenantId: this.tenantId, workflowId: workflow.id })));
    const idOf = (key: string): string => states.find((s) => s.key === key)!.id;
    const transitions = await this.uow.repositoryFor(WorkflowTransition).save(
      def.transitions.map(({ from, to, ...t }) => ({
        ...t,
        tenantId: this.tenantId,
        workflowId: workflow.id,
        fromStateId: idOf(from),
        toStateId: idOf(to),
      })),
    );
    return { workflow, states, transitions };
  }

  private async withParts(workflow: Workflow): Promise<WorkflowDefinition> {
    const states = await this.uow
      .repositoryFor(WorkflowState)
      .find({ where: { tenantId: this.tenantId, workflowId: workflow.id }, order: { position: 'ASC' } });
    const transitions = await this.uow
      .repositoryFor(WorkflowTransition)
      .find({ where: { tenantId: this.tenantId, workflowId: workflow.id }, order: { name: 'ASC' } });
    return { workflow, states, transitions };
  }
}

/** Which workflow a task follows, its current state, and the votes cast on its transitions. */
@Injectable()
export class WorkflowInstanceRepository extends TenantScopedRepository<WorkflowInstance> {
  constructor(uow: UnitOfWork) {
    super(uow, WorkflowInstance, 'instance');
  }

  /** Callers lock the task row first, so instance changes serialize per task. */
  findByTask(taskId: string): Promise<WorkflowInstance | null> {
    if (!isUuid(taskId)) return Promise.resolve(null);
    return this.repository.findOne({ where: this.scopedWhere({ taskId }) });
  }

  votes(instanceId: string, transitionId: string, round: number): Promise<WorkflowInstanceVote[]> {
    return this.uow.repositoryFor(WorkflowInstanceVote).find({
      where: { tenantId: this.tenantId, instanceId, transitionId, round },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** One vote per voter, transition and round: voting again replaces the earlier decision. */
  /** A voter's vote on a transition in a round, if any. */
  findVote(key: {
    instanceId: string;
    transitionId: string;
    round: number;
    voterId: string;
  }): Promise<WorkflowInstanceVote | null> {
    return this.uow.repositoryFor(WorkflowInstanceVote).findOne({
      where: {
        tenantId: this.tenantId,
        instanceId: key.instanceId,
        transitionId: key.transitionId,
        round: key.round,
        voterId: key.voterId,
      },
    });
  }

  async upsertVote(values: {
    instanceId: string;
    transitionId: string;
    round: number;
    voterId: string;
    decision: VoteDecision;
    comment: string;
  }): Promise<{
    vote: WorkflowInstanceVote;
    previous: { decision: VoteDecision; comment: string; castAt: Date } | null;
  }> {
    const repo = this.uow.repositoryFor(WorkflowInstanceVote);
    const existing = await this.findVote(values);
    if (existing) {
      const previous = { decision: existing.decision, comment: existing.comment, castAt: existing.updatedAt };
      existing.decision = values.decision;
      existing.comment = values.comment;
      return { vote: await repo.save(existing), previous };
    }
    return { vote: await repo.save({ ...values, tenantId: this.tenantId }), previous: null };
  }

  /**
   * Role keys a user holds where the task sits (tenant-wide, or on the task, its program or an ancestor
   * program), directly or through groups, including every ancestor of those roles (inheritance).
   */
  async roleKeysOf(userId: string, contexts: { type: string; id: string }[]): Promise<string[]> {
    if (!isUuid(userId)) return [];
    const scoped = contexts.map((c) => `${c.type}:${c.id}`);
    const rows = (await this.uow.manager().query(
      `WITH RECURSIVE assigned AS (
           SELECT ra.role_id FROM role_assignments ra
            WHERE ra.tenant_id = $1 AND ra.principal_type = 'user' AND ra.principal_id = $2
              AND (ra.context_type = 'tenant' OR ra.context_type || ':' || ra.context_id = ANY($3))
           UNION
           SELECT ra.role_id FROM role_assignments ra
             JOIN user_group_members m ON m.group_id = ra.principal_id AND m.user_id = $2 AND m.tenant_id = $1
            WHERE ra.tenant_id = $1 AND ra.principal_type = 'group'
              AND (ra.context_type = 'tenant' OR ra.context_type || ':' || ra.context_id = ANY($3))
         ),
         lineage AS (
           SELECT r.id, r.parent_role_id, r.key, 0 AS depth FROM assigned a JOIN access_roles r ON r.id = a.role_id
           UNION ALL
           SELECT p.id, p.parent_role_id, p.key, l.depth + 1 FROM lineage l
             JOIN access_roles p ON p.id = l.parent_role_id WHERE l.depth < 10
         )
       SELECT DISTINCT key FROM lineage ORDER BY key`,
      [this.tenantId, userId, scoped],
    )) as { key: string }[];
    return rows.map((r) => r.key);
  }

  async existingRoleKeys(keys: string[]): Promise<string[]> {
    if (!keys.length) return [];
    const rows = (await this.uow
      .manager()
      .query(`SELECT key FROM access_roles WHERE tenant_id = $1 AND key = ANY($2)`, [
        this.tenantId,
        keys,
      ])) as { key: string }[];
    return rows.map((r) => r.key);
  }

  async existingUserIds(ids: string[]): Promise<string[]> {
    const valid = ids.filter(isUuid);
    if (!valid.length) return [];
    const rows = (await this.uow
      .manager()
      .query(`SELECT id FROM users WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [
        this.tenantId,
        valid,
      ])) as { id: string }[];
    return rows.map((r) => r.id);
  }
}
