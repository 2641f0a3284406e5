import { Injectable } from '@nestjs/common';
import { AppException, ErrorCode } from '@oversing/platform';
import { AuditRecorder } from '../audit/audit-recorder';
import { DomainEventBus } from '../events/domain-event-bus';
import { VoteDecision } from './workflow.entity';
import { VoteTally, WorkflowGuards } from './workflow-guards';
import { WorkflowInstanceRepository } from './workflow.repository';

export interface CastVoteCommand {
  workflowId: string;
  taskId: string;
  toState: string;
  decision: VoteDecision;
  comment?: string;
  /** The voter knows they voted in this round already and replaces that vote (decision and comment). */
  replace?: boolean;
}

/**
 * Records an eligible approver's vote on a transition out of the task's current state, for the current
 * round (votes reset when the task changes state). A second vote in the round is refused (409, naming the
 * earlier decision and comment) unless it says `replace: true`: changing one's vote is deliberate, never a
 * silent overwrite of the earlier comment, which the task's history keeps (the audit entry's `before`).
 */
@Injectable()
export class CastVoteUseCase {
  constructor(
    private readonly guards: WorkflowGuards,
    private readonly instances: WorkflowInstanceRepository,
    private readonly audit: AuditRecorder,
    private readonly bus: DomainEventBus,
  ) {}

  async execute(command: CastVoteCommand): Promise<VoteTally> {
    const principal = this.guards.principal();
    if (principal.kind !== 'user') throw AppException.forbidden('Only users can vote');
    return this.bus.transaction(async () => {
      const loaded = await this.guards.load(command.taskId, command.workflowId);
      const { transition } = this.guards.transitionTo(loaded, command.toState);
      if (transition.quorum === 0 && transition.approvalsRequired === 0)
        throw AppException.unprocessable(`The transition "${transition.name}" does not take votes`, [
          { field: 'to_state', message: 'this transition needs no votes' },
        ]);
      if (!(await this.guards.isEligibleApprover(principal.id, transition, loaded.chain)))
        throw AppException.forbidden(`You are not an eligible approver of "${transition.name}"`);
      const key = {
        instanceId: loaded.instance.id,
        transitionId: transition.id,
        round: loaded.instance.round,
        voterId: principal.id,
      };
      const earlier = await this.instances.findVote(key);
      if (earlier && !command.replace) {
        const comment = earlier.comment ? ` with the comment “${earlier.comment}”` : '';
        throw new AppException(
          ErrorCode.CONFLICT,
          `You already voted ${earlier.decision === 'approve' ? 'to approve' : 'against'} “${transition.name}” in this round${comment}. ` +
            'To change your vote, send it again with replace: true.',
          [
            {
              field: 'replace',
              message: 'must be true to replace your earlier vote',
              previous: {
                decision: earlier.decision,
                comment: earlier.comment,
                cast_at: earlier.updatedAt.toISOString(),
              },
            },
          ],
        );
      }
      const { vote, previous } = await this.instances.upsertVote({
        instanceId: loaded.instance.id,
        transitionId: transition.id,
        round: loaded.instance.round,
        voterId: principal.id,
        decision: command.decision,
        comment: command.comment ?? '',
      });
      const tally = await this.guards.tally(loaded, transition);
      await this.audit.record({
        entityType: 'task',
        entityId: loaded.task.id,
        action: 'vote_cast',
        before: previous ? { decision: previous.decision, comment: previous.comment } : null,
        after: { decision: vote.decision, comment: vote.comment },
        metadata: {
          workflow_id: loaded.def.workflow.id,
          transition: transition.name,
          round: loaded.instance.round,
          vote_id: vote.id,
        },
      });
      await this.bus.publish({
        type: 'vote.cast',
        entityType: 'task',
        entityId: loaded.task.id,
        channels: [
          `task.${loaded.task.id}`,
          `program.${loaded.task.programId}`,
          `tenant.${loaded.task.tenantId}`,
        ],
        payload: {
          task_id: loaded.task.id,
          workflow_id: loaded.def.workflow.id,
          voter_id: principal.id,
          decision: vote.decision,
          replaced: previous !== null,
          tally: { ...tally, votes: undefined },
        },
      });
      return tally;
    });
  }
}
