import { Inject, Injectable } from '@nestjs/common';
import { AppException, ErrorDetail } from '@oversing/platform';
import { AuditRecorder } from '../audit/audit-recorder';
import type { TaskCertificationSummary } from '../certifications/certification-projection.entity';
import {
  CertificationProjectionRepository,
  taskCertificationSummary,
} from '../certifications/certification-projection.repository';
import { DomainEventBus } from '../events/domain-event-bus';
import { publicTask, Task } from '../tasks/task.entity';
import { TaskRepository } from '../tasks/task.repository';
import { CERTIFICATION_GUARD } from './certification-guard';
import { CertificationRequestRepository } from './certification-request.repository';
import { CertificationRequester } from './certification-requester';
import type { CertificationGuard } from './certification-guard';
import { WorkflowGuards } from './workflow-guards';
import { WorkflowInstanceRepository } from './workflow.repository';

export interface TransitionTaskCommand {
  taskId: string;
  toState: string;
  /** The task version the caller saw (If-Match or body `version`); a stale one gives 409. */
  expectedVersion?: number;
  /** From POST /workflows/:id/execute: the task must follow (or be attached to) this workflow. */
  workflowId?: string;
}

export interface TransitionResult {
  task: Task;
  workflow: Record<string, unknown>;
  /** The display name of the state the task entered. */
  stateName: string;
  /** The task's latest certification, as task responses show it. */
  certification: TaskCertificationSummary | null;
}

const FIELD_VALUE: Record<string, (t: Task) => unknown> = {
  assignee_id: (t) => t.assigneeId,
  due_date: (t) => t.dueDate,
  estimate_minutes: (t) => t.estimateMinutes,
  description: (t) => (t.description.trim() ? t.description : null),
};

/**
 * Moves a task to another state of its workflow. Guards, in order: optimistic concurrency (409 when the
 * task moved on), the transition exists, required roles (403), required fields, votes (quorum and
 * threshold), open blockers (unless the workflow allows them), certification. The task row is locked
 * for the whole transaction, so of two concurrent transitions one wins and the other sees the new
 * version (409). The change, its audit event and its domain event commit together.
 */
@Injectable()
export class TransitionTaskUseCase {
  constructor(
    private readonly guards: WorkflowGuards,
    private readonly instances: WorkflowInstanceRepository,
    private readonly tasks: TaskRepository,
    private readonly audit: AuditRecorder,
    private readonly bus: DomainEventBus,
    @Inject(CERTIFICATION_GUARD) private readonly certification: CertificationGuard,
    private readonly certificationRequests: CertificationRequestRepository,
    private readonly requester: CertificationRequester,
    private readonly certifications: CertificationProjectionRepository,
  ) {}

  async execute(command: TransitionTaskCommand): Promise<TransitionResult> {
    let requested: { tenantId: string; id: string } | undefined;
    const result = await this.bus.transaction(async () => {
      const loaded = await this.guards.load(command.taskId, command.workflowId);
      const { task, def, instance, current } = loaded;
      if (command.expectedVersion !== undefined && command.expectedVersion !== task.version)
        throw AppException.conflict(
          `The task was changed by someone else (you saw version ${command.expectedVersion}, it is now ${task.version})`,
          [{ field: 'If-Match', message: `current version is ${task.version}` }],
        );
      const { to, transition } = this.guards.transitionTo(loaded, command.toState);
      const principal = this.guards.principal();

      if (transition.requiredRoles.length) {
        const held = await this.guards.roleKeys(principal, loaded.chain);
        if (!transition.requiredRoles.some((r) => held.includes(r)))
          throw AppException.forbidden(
            `The transition "${transition.name}" requires one of the roles: ${transition.requiredRoles.join(', ')}`,
          );
      }
      const details: ErrorDetail[] = [];
      for (const field of transition.requiredFields) {
        const value = FIELD_VALUE[field]?.(task);
        if (value === null || value === undefined)
          details.push({ field, message: `must be set before "${transition.name}"` });
      }
      let tally: Awaited<ReturnType<WorkflowGuards['tally']>> | null = null;
      if (transition.quorum > 0 || transition.approvalsRequired > 0) {
        tally = await this.guards.tally(loaded, transition);
        if (tally.votes_cast < transition.quorum)
          details.push({
            field: 'votes',
            message: `quorum not reached: ${tally.votes_cast} of ${transition.quorum} required votes cast`,
          });
        if (tally.approvals < transition.approvalsRequired)
          details.push({
            field: 'votes',
            message: `threshold not reached: ${tally.approvals} of ${transition.approvalsRequired} required approvals`,
          });
      }
      if (to.category === 'done' && !def.workflow.allowOpenBlockers) {
        for (const b of await this.tasks.openBlockers(task.id))
          details.push({
            field: 'status',
            message: `blocked by task ${b.id} "${b.title}" (${b.status})`,
            blocker_id: b.id,
          } as ErrorDetail);
      }
      if (details.length)
        throw AppException.unprocessable(`The transition "${transition.name}" is not allowed yet`, details);
      let certificationId: string | undefined;
      if (to.requiresCertification) {
        const check = await this.certification.hasValidCertification(task.id);
        if (!check.certified)
          throw AppException.unprocessable(`The state "${to.key}" requires a valid certification`, [
            { field: 'certification', message: check.reason ?? 'the task has no valid certification' },
          ]);
        certificationId = check.certification_id;
      }

      const before = { state: current.key, status: task.status, version: task.version };
      instance.currentStateId = to.id;
      instance.round += 1;
      const savedInstance = await this.instances.save(instance);
      const saved = await this.tasks.applyWorkflowStatus(task, to.category);
      const workflow = {
        workflow_id: def.workflow.id,
        instance_id: savedInstance.id,
        state: to.key,
        previous_state: current.key,
        transition: transition.name,
        round: savedInstance.round,
      };
      await this.audit.record({
        entityType: 'task',
        entityId: task.id,
        action: 'workflow_transitioned',
        before,
        after: { state: to.key, status: saved.status, version: saved.version },
        metadata: {
          workflow_id: def.workflow.id,
          transition: transition.name,
          ...(tally
            ? { votes: tally.votes.map((v) => ({ voter_id: v.voter_id, decision: v.decision })) }
            : {}),
          ...(certificationId ? { certification_id: certificationId } : {}),
        },
      });
      if (to.requestCertification) {
        // An outbox row, committed with the transition and delivered after commit (see CertificationRequester).
        const policyKey = to.requestCertification.policy_key;
        if (saved.llmOutput) {
          const row = await this.certificationRequests.insert({
            taskId: task.id,
            stateKey: to.key,
            policyKey,
            llmOutput: saved.llmOutput,
          });
          requested = { tenantId: task.tenantId, id: row.id };
        } else {
          await this.audit.record({
            entityType: 'task',
            entityId: task.id,
            action: 'certification_not_requested',
            before: null,
            after: { state: to.key, policy_key: policyKey, reason: 'the task has no llm_output' },
          });
        }
      }
      await this.bus.publish({
        type: 'workflow.transitioned',
        entityType: 'task',
        entityId: task.id,
        channels: [`task.${task.id}`, `program.${task.programId}`, `tenant.${task.tenantId}`],
        payload: { task: publicTask(saved), ...workflow },
      });
      const latest = (await this.certifications.latestForTasks([task.id])).get(task.id);
      return {
        task: saved,
        workflow,
        stateName: to.name,
        certification: latest ? taskCertificationSummary(latest) : null,
      };
    });
    // After COMMIT; a failure only leaves the row pending for the sweep, never fails the transition.
    if (requested) void this.requester.deliver(requested.tenantId, requested.id);
    return result;
  }
}
