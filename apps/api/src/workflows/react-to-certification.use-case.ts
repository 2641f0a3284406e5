import { Injectable } from '@nestjs/common';
import { AuditRecorder } from '../audit/audit-recorder';
import { DomainEventBus } from '../events/domain-event-bus';
import { publicTask } from '../tasks/task.entity';
import { TaskRepository } from '../tasks/task.repository';
import { CERTIFICATION_REACTIONS } from './workflow.entity';
import type { CertificationReaction } from './workflow.entity';
import { WorkflowInstanceRepository, WorkflowRepository } from './workflow.repository';

export interface CertificationDecision {
  taskId: string;
  certificationId: string;
  number: string;
  status: string;
  /** who made the decision (in the certification service) */
  actor: { type: 'user' | 'client' | 'system'; id: string | null };
}

export interface CertificationMove {
  from: string;
  to: string;
}

const isReaction = (status: string): status is CertificationReaction =>
  (CERTIFICATION_REACTIONS as readonly string[]).includes(status);

/**
 * The workflow's reaction to a certification decision: when the task's current state names a target
 * for the decision (`on_certification`), the task moves there. Runs inside the transaction that
 * consumes the decision from the feed (and in its tenant), with the task's row locked; the move is
 * recorded with the decision's actor and published like any transition. Voting and role rules of
 * transitions do not apply: the decision itself is the approval the state waits for.
 */
@Injectable()
export class ReactToCertificationUseCase {
  constructor(
    private readonly workflows: WorkflowRepository,
    private readonly instances: WorkflowInstanceRepository,
    private readonly tasks: TaskRepository,
    private readonly audit: AuditRecorder,
    private readonly bus: DomainEventBus,
  ) {}

  async execute(decision: CertificationDecision): Promise<CertificationMove | null> {
    if (!isReaction(decision.status)) return null;
    const task = await this.tasks.findForUpdate(decision.taskId);
    if (!task) return null;
    const instance = await this.instances.findByTask(task.id);
    if (!instance) return null;
    const def = await this.workflows.definition(instance.workflowId);
    const current = def?.states.find((s) => s.id === instance.currentStateId);
    const targetKey = current?.onCertification?.[decision.status];
    const to = targetKey ? def!.states.find((s) => s.key === targetKey) : undefined;
    if (!def || !current || !to || to.id === current.id) return null;

    const before = { state: current.key, status: task.status, version: task.version };
    instance.currentStateId = to.id;
    instance.round += 1;
    const saved = await this.instances.save(instance);
    const moved = await this.tasks.applyWorkflowStatus(task, to.category);
    const transition = `certification ${decision.status}`;
    await this.audit.record({
      entityType: 'task',
      entityId: task.id,
      action: 'workflow_transitioned',
      before,
      after: { state: to.key, status: moved.status, version: moved.version },
      metadata: {
        workflow_id: def.workflow.id,
        transition,
        certification_id: decision.certificationId,
        certification_number: decision.number,
      },
      actor: decision.actor,
    });
    await this.bus.publish({
      type: 'workflow.transitioned',
      entityType: 'task',
      entityId: task.id,
      channels: [`task.${task.id}`, `program.${task.programId}`, `tenant.${task.tenantId}`],
      payload: {
        task: publicTask(moved),
        workflow_id: def.workflow.id,
        instance_id: saved.id,
        state: to.key,
        previous_state: current.key,
        transition,
        round: saved.round,
      },
    });
    return { from: current.key, to: to.key };
  }
}
