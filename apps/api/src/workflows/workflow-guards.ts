import { Injectable } from '@nestjs/common';
import { AppException, ErrorCode, Principal, RequestContext } from '@oversing/platform';
import { PolicyService } from '../access/policy.service';
import { Task } from '../tasks/task.entity';
import { TaskRepository } from '../tasks/task.repository';
import {
  WorkflowDefinition,
  WorkflowInstance,
  WorkflowInstanceVote,
  WorkflowState,
  WorkflowTransition,
} from './workflow.entity';
import { WorkflowInstanceRepository, WorkflowRepository } from './workflow.repository';

export interface VoteTally {
  transition: string;
  from: string;
  to: string;
  round: number;
  quorum: number;
  approvals_required: number;
  votes_cast: number;
  approvals: number;
  rejections: number;
  satisfied: boolean;
  votes: { voter_id: string; decision: string; comment: string; cast_at: string }[];
}

export interface LoadedTaskWorkflow {
  task: Task;
  chain: { type: string; id: string }[];
  def: WorkflowDefinition;
  instance: WorkflowInstance;
  current: WorkflowState;
  created: boolean;
}

/** The shared rules of transitions and votes: loading a task's workflow and evaluating guards. */
@Injectable()
export class WorkflowGuards {
  constructor(
    private readonly workflows: WorkflowRepository,
    private readonly instances: WorkflowInstanceRepository,
    private readonly tasks: TaskRepository,
    private readonly policy: PolicyService,
  ) {}

  principal(): Principal {
    const principal = RequestContext.current()?.principal;
    if (!principal) throw AppException.unauthenticated();
    return principal;
  }

  /** A task named in a body: 404 outside the tenant, 403 without the permission on it. */
  async authorizeTask(taskId: string, permission: string): Promise<void> {
    const decision = await this.policy.authorize(this.principal(), permission, { type: 'task', id: taskId });
    if (decision === 'not_found') throw AppException.notFound('Task');
    if (decision === 'deny') throw AppException.forbidden();
  }

  /**
   * Locks the task (so everything about its workflow serializes per task) and loads its instance,
   * attaching one when it has none: to `workflowId` when given, else to the tenant's default workflow,
   * in the first state whose category is the task's status (else the initial state).
   */
  async load(taskId: string, workflowId?: string): Promise<LoadedTaskWorkflow> {
    const task = await this.tasks.findForUpdate(taskId);
    if (!task) throw AppException.notFound('Task');
    const chain = await this.tasks.contextChain(task.id);
    const existing = await this.instances.findByTask(task.id);
    if (existing) {
      if (workflowId && existing.workflowId !== workflowId)
        throw AppException.unprocessable('The task follows another workflow', [
          { field: 'workflow_id', message: `the task follows workflow ${existing.workflowId}` },
        ]);
      const def = (await this.workflows.definition(existing.workflowId))!;
      const current = def.states.find((s) => s.id === existing.currentStateId)!;
      return { task, chain, def, instance: existing, current, created: false };
    }
    const def = workflowId
      ? await this.workflows.definition(workflowId)
      : await this.workflows.defaultDefinition();
    if (!def) {
      if (workflowId) throw AppException.notFound('Workflow');
      throw AppException.unprocessable('The task has no workflow and the tenant has no default workflow', [
        { field: 'workflow_id', message: 'name the workflow the task should follow' },
      ]);
    }
    const current =
      def.states.find((s) => s.category === task.status) ??
      def.states.find((s) => s.key === def.workflow.initialStateKey)!;
    const instance = await this.instances.insert({
      workflowId: def.workflow.id,
      taskId: task.id,
      currentStateId: current.id,
      round: 1,
    });
    return { task, chain, def, instance, current, created: true };
  }

  stateByKey(def: WorkflowDefinition, key: string): WorkflowState {
    const state = def.states.find((s) => s.key === key);
    if (!state)
      throw AppException.validation([
        {
          field: 'to_state',
          message: `no state "${key}" in workflow "${def.workflow.name}" (${def.states.map((s) => s.key).join(', ')})`,
        },
      ]);
    return state;
  }

  transitionTo(
    loaded: LoadedTaskWorkflow,
    toKey: string,
  ): { to: WorkflowState; transition: WorkflowTransition } {
    const to = this.stateByKey(loaded.def, toKey);
    if (to.id === loaded.current.id)
      throw new AppException(ErrorCode.CONFLICT, `The task is already in state "${to.key}"`, [
        { field: 'to_state', message: `the task is already in "${to.key}"` },
      ]);
    const transition = loaded.def.transitions.find(
      (t) => t.fromStateId === loaded.current.id && t.toStateId === to.id,
    );
    if (!transition) {
      const allowed = loaded.def.transitions
        .filter((t) => t.fromStateId === loaded.current.id)
        .map((t) => loaded.def.states.find((s) => s.id === t.toStateId)!.key);
      throw AppException.unprocessable(`No transition from "${loaded.current.key}" to "${to.key}"`, [
        {
          field: 'to_state',
          message: `from "${loaded.current.key}" the task can go to: ${allowed.join(', ') || 'nowhere'}`,
        },
      ]);
    }
    return { to, transition };
  }

  async roleKeys(principal: Principal, chain: { type: string; id: string }[]): Promise<string[]> {
    if (principal.kind !== 'user') return [];
    return this.instances.roleKeysOf(principal.id, chain);
  }

  async isEligibleApprover(
    userId: string,
    transition: WorkflowTransition,
    chain: { type: string; id: string }[],
  ): Promise<boolean> {
    if (transition.approverUserIds.includes(userId)) return true;
    if (!transition.approverRole) return false;
    return (await this.instances.roleKeysOf(userId, chain)).includes(transition.approverRole);
  }

  /** Votes of the current round by voters who are (still) eligible approvers. */
  async tally(loaded: LoadedTaskWorkflow, transition: WorkflowTransition): Promise<VoteTally> {
    const all = await this.instances.votes(loaded.instance.id, transition.id, loaded.instance.round);
    const eligible: WorkflowInstanceVote[] = [];
    for (const vote of all)
      if (await this.isEligibleApprover(vote.voterId, transition, loaded.chain)) eligible.push(vote);
    const approvals = eligible.filter((v) => v.decision === 'approve').length;
    const keyOf = (id: string): string => loaded.def.states.find((s) => s.id === id)!.key;
    return {
      transition: transition.name,
      from: keyOf(transition.fromStateId),
      to: keyOf(transition.toStateId),
      round: loaded.instance.round,
      quorum: transition.quorum,
      approvals_required: transition.approvalsRequired,
      votes_cast: eligible.length,
      approvals,
      rejections: eligible.length - approvals,
      satisfied: eligible.length >= transition.quorum && approvals >= transition.approvalsRequired,
      votes: eligible.map((v) => ({
        voter_id: v.voterId,
        decision: v.decision,
        comment: v.comment,
        cast_at: v.updatedAt.toISOString(),
      })),
    };
  }
}
