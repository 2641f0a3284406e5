import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { isUuid, runInTenant } from '@oversing/platform';
import type { DomainEventContract } from '@oversing/contracts';
import { DomainEventBus } from '../events/domain-event-bus';
import { TaskRepository } from '../tasks/task.repository';
import { PushSubscriptionRepository } from './push-subscription.repository';
import { NotificationQueue } from './notification-queue';

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

/**
 * Web Push notifications for committed domain events: `task.assigned` to the new assignee, and
 * `certification.requested` whose status is already a decision (certified or rejected by policy) to
 * the task's assignee. After COMMIT it enqueues one job per subscription on the worker's
 * `notifications` queue (PushNotificationProcessor sends it, retries failures with backoff and deletes
 * a subscription the push service reports gone); a push never delays or fails the request.
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
    private readonly queue: NotificationQueue,
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

  /** Resolves who to tell and what, then enqueues a push to each of their subscriptions. */
  notify(event: DomainEventContract): Promise<void> {
    return runInTenant(event.tenant_id, async () => {
      const target = await this.messageFor(event);
      if (!target) return;
      const subscriptions = await this.subscriptions.forUser(target.userId);
      await this.queue.enqueue(
        event.id,
        subscriptions.map((subscription) => ({
          tenant_id: event.tenant_id,
          subscription_id: subscription.id,
          event_type: event.type,
          message: { ...target.message },
        })),
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
