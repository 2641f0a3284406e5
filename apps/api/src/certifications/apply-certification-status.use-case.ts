import { Injectable } from '@nestjs/common';
import { isUuid } from '@oversing/platform';
import { AuditRecorder } from '../audit/audit-recorder';
import { DomainEventBus } from '../events/domain-event-bus';
import { TaskRepository } from '../tasks/task.repository';
import type { CertificationStatusEvent } from '../workflows/certification-client';
import { ReactToCertificationUseCase } from '../workflows/react-to-certification.use-case';
import { CERTIFICATION_STATUSES } from './certification-projection.entity';
import type { CertificationStatus } from './certification-projection.entity';
import { CertificationProjectionRepository } from './certification-projection.repository';

const ACTOR_TYPES = ['user', 'client', 'system'] as const;
type ActorType = (typeof ACTOR_TYPES)[number];

function actorOf(event: CertificationStatusEvent): { type: ActorType; id: string | null } {
  const type = (ACTOR_TYPES as readonly string[]).includes(event.actor.type)
    ? (event.actor.type as ActorType)
    : 'system';
  return { type, id: event.actor.id };
}

/**
 * Applies one status change from the certification service's feed, inside the consuming transaction and
 * in the event's tenant: the API's copy of the certification, and for a task's certification its
 * history (`certification_<status>`, naming who decided), the domain event `certification.<status>`
 * (webhooks, realtime, Web Push) and the workflow's configured reaction. An event older than what the
 * copy already holds (a replay) changes nothing.
 */
@Injectable()
export class ApplyCertificationStatusUseCase {
  constructor(
    private readonly projections: CertificationProjectionRepository,
    private readonly tasks: TaskRepository,
    private readonly audit: AuditRecorder,
    private readonly bus: DomainEventBus,
    private readonly reaction: ReactToCertificationUseCase,
  ) {}

  async execute(event: CertificationStatusEvent): Promise<boolean> {
    if (!(CERTIFICATION_STATUSES as readonly string[]).includes(event.status)) return false;
    if (!(await this.projections.tenantExists())) return false;
    const status = event.status as CertificationStatus;
    const previous = await this.projections.findById(event.certification_id);
    const actor = actorOf(event);
    const changed = await this.projections.applyStatus({
      id: event.certification_id,
      taskId: event.task_id && isUuid(event.task_id) ? event.task_id : null,
      number: event.number,
      status,
      riskScore: event.risk_score,
      policyKey: event.policy_key,
      provider: event.provider,
      model: event.model,
      failedRules: event.failed_rules,
      createdBy: event.created_by,
      certificationCreatedAt: new Date(event.certification_created_at),
      expiresAt: event.expires_at ? new Date(event.expires_at) : null,
      statusReason: event.reason,
      statusActorType: actor.type,
      statusActorId: actor.id,
      statusAt: new Date(event.at),
      feedPosition: String(event.position),
    });
    if (!changed) return false;

    const task = event.task_id ? await this.tasks.findById(event.task_id) : null;
    const summary = {
      certification_id: event.certification_id,
      number: event.number,
      status,
      risk_score: event.risk_score,
      reason: event.reason,
    };
    if (task) {
      await this.audit.record({
        entityType: 'task',
        entityId: task.id,
        action: `certification_${status}`,
        before: previous ? { certification_id: previous.id, status: previous.status } : null,
        after: summary,
        metadata: { certification_event_id: event.event_id, feed_position: event.position },
        actor,
      });
    }
    await this.bus.publish({
      type: `certification.${status}`,
      entityType: task ? 'task' : 'certification',
      entityId: task ? task.id : event.certification_id,
      channels: [
        ...(task ? [`task.${task.id}`, `program.${task.programId}`] : []),
        `certification.${event.certification_id}`,
        `tenant.${event.tenant_id}`,
      ],
      payload: { ...summary, task_id: task?.id ?? null, actor, at: event.at, created_by: event.created_by },
    });
    if (task)
      await this.reaction.execute({
        taskId: task.id,
        certificationId: event.certification_id,
        number: event.number,
        status,
        actor,
      });
    return true;
  }
}
