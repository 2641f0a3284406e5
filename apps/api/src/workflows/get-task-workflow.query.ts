import { Injectable } from '@nestjs/common';
import { AppException } from '@oversing/platform';
import { TaskRepository } from '../tasks/task.repository';
import { WorkflowGuards } from './workflow-guards';
import { WorkflowInstanceRepository, WorkflowRepository } from './workflow.repository';

export interface TaskWorkflowView {
  workflow_id: string;
  instance_id: string | null;
  state: string;
  round: number;
  /** Where the task can go from its state, with the vote tally of the current round where votes count. */
  transitions: {
    to: string;
    name: string;
    required_roles: string[];
    required_fields: string[];
    votes: {
      quorum: number;
      approvals_required: number;
      votes_cast: number;
      approvals: number;
      rejections: number;
      satisfied: boolean;
      votes: { voter_id: string; decision: string; comment: string; cast_at: string }[];
    } | null;
  }[];
}

/**
 * A task's place in its workflow and what it takes to leave it (read only: a task without an instance is
 * shown where its first transition will attach it, and nothing is written).
 */
@Injectable()
export class GetTaskWorkflowQuery {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly workflows: WorkflowRepository,
    private readonly instances: WorkflowInstanceRepository,
    private readonly guards: WorkflowGuards,
  ) {}

  async execute(taskId: string): Promise<TaskWorkflowView> {
    const task = await this.tasks.findById(taskId);
    if (!task) throw AppException.notFound('Task');
    const placement = (await this.tasks.workflowPlacements([task.id])).get(task.id);
    if (!placement) throw AppException.notFound('Workflow of the task (the tenant has no default workflow)');
    const def = (await this.workflows.definition(placement.id))!;
    const current = def.states.find((s) => s.key === placement.state)!;
    const instance = await this.instances.findByTask(task.id);
    const chain = await this.tasks.contextChain(task.id);
    const transitions = [];
    for (const t of def.transitions.filter((x) => x.fromStateId === current.id)) {
      const to = def.states.find((s) => s.id === t.toStateId)!;
      let votes: TaskWorkflowView['transitions'][number]['votes'] = null;
      if (t.quorum > 0 || t.approvalsRequired > 0) {
        const tally = instance
          ? await this.guards.tally({ task, chain, def, instance, current, created: false }, t)
          : null;
        votes = {
          quorum: t.quorum,
          approvals_required: t.approvalsRequired,
          votes_cast: tally?.votes_cast ?? 0,
          approvals: tally?.approvals ?? 0,
          rejections: tally?.rejections ?? 0,
          satisfied: tally?.satisfied ?? false,
          votes: tally?.votes ?? [],
        };
      }
      transitions.push({
        to: to.key,
        name: t.name,
        required_roles: t.requiredRoles,
        required_fields: t.requiredFields,
        votes,
      });
    }
    transitions.sort(
      (a, b) => def.states.findIndex((s) => s.key === a.to) - def.states.findIndex((s) => s.key === b.to),
    );
    return {
      workflow_id: def.workflow.id,
      instance_id: instance?.id ?? null,
      state: current.key,
      round: instance?.round ?? 1,
      transitions,
    };
  }
}
