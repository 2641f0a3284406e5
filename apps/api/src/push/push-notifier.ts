import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Counter } from 'prom-client';
import { getOrCreate, isUuid, runInTenant } from '@oversing/platform';
import type { DomainEventContract } from '@oversing/contracts';
import { DomainEventBus } from '../events/domain-event-bus';
import { TaskRepository } from '../tasks/task.repository';
import { PushSubscriptionRepository } from './push-subscription.repository';
import { WebPushSender } from './web-push-sender';

/** What the service worker receives (JSON): shown as a notification; a click opens `url`. */
export interface PushMessage {
  type: string;
  title: string;
  body: string;
  /** Path in the PWA to open on click (the task selected in the workspace). */
  url: string;
  /** Notifications with the same tag replace each other on the device. */
  tag: string;
  task_id: string;
}

/** Statuses of a certification that are a decision worth a notification. */
const DECISIONS: Record<string, string> = {
  certified: 'certified',
  approved: 'approved',
  rejected: 'rejected',
  revoked: 'revoked',
};

const pushes = (): Counter<'type' | 'result'> =>
  getOrCreate(
    'push_notifications_total',
    () =>
      new Counter({
        name: 'push_notifications_total',
        help: 'Web Push messages sent to push services, by event type and result (delivered, gone, failed)',
        labelNames: ['type', 'result'],
      }),
  ) as Counter<'type' | 'result'>;

/**
 * Sends Web Push notifications for committed domain events: `task.assigned` to the new assignee, and
 * `certification.requested` whose status is already a decision (certified or rejected by policy) to
 * the task's assignee. Runs after COMMIT and in the background: a push never delays or fails the
 * request. A subscription the push service reports gone (404/410) is deleted.
 *
 * Decisions made later in the certification service (approval or rejection after review, revocation)
 * are not domain events of the API and are not pushed yet.
 */
@Injectable()
export class PushNotifier implements OnModuleInit {
  private readonly logger = new Logger(PushNotifier.name);

  constructor(
    private readonly bus: DomainEventBus,
    private readonly subscriptions: PushSubscriptionRepository,
    private readonly tasks: TaskRepository,
    private readonly sender: WebPushSender,
  ) {}

  onModuleInit(): void {
    this.bus.subscribe({
      name: 'web-push',
      handle: async (event) => {
        if (event.type !== 'task.assigned' && event.type !== 'certification.requested') return;
        this.notify(event).catch((error: unknown) =>
          this.logger.warn(
            `web push for ${event.type} #${event.sequence} failed: ${(error as Error).message}`,
          ),
        );
      },
    });
  }

  /** Resolves who to tell and what, then pushes to each of their subscriptions. */
  notify(event: DomainEventContract): Promise<void> {
    return runInTenant(event.tenant_id, async () => {
      const target = await this.messageFor(event);
      if (!target) return;
      const subscriptions = await this.subscriptions.forUser(target.userId);
      await Promise.all(
        subscriptions.map(async (subscription) => {
          const outcome = await this.sender.send(subscription, { ...target.message });
          pushes().inc({ type: event.type, result: outcome.result });
          if (outcome.result === 'gone') await this.subscriptions.deleteById(subscription.id);
          if (outcome.result === 'failed')
            this.logger.warn(`web push to subscription ${subscription.id} failed: ${outcome.error}`);
        }),
      );
    });
  }

  private async messageFor(
    event: DomainEventContract,
  ): Promise<{ userId: string; message: PushMessage } | null> {
    const taskId = event.entity_id;
    if (event.type === 'task.assigned') {
      const assignee = event.payload.assignee_id;
      if (!isUuid(assignee)) return null;
      const task = await this.tasks.findById(taskId);
      if (!task || task.assigneeId !== assignee) return null;
      return {
        userId: assignee,
        message: {
          type: event.type,
          title: 'Task assigned to you',
          body: task.title,
          url: `/?task=${task.id}`,
          tag: `task-assigned-${task.id}`,
          task_id: task.id,
        },
      };
    }
    const status = event.payload.status;
    const decision = typeof status === 'string' ? DECISIONS[status] : undefined;
    if (!decision) return null;
    const task = await this.tasks.findById(taskId);
    if (!task?.assigneeId) return null;
    return {
      userId: task.assigneeId,
      message: {
        type: 'certification.decided',
        title: `Certification ${decision}`,
        body: task.title,
        url: `/?task=${task.id}`,
        tag: `certification-${String(event.payload.certification_id)}`,
        task_id: task.id,
      },
    };
  }
}
