import { Injectable } from '@nestjs/common';
import { isUuid } from '@oversing/platform';
import type { DomainEventContract } from '@oversing/contracts';
import { TaskRepository } from '../tasks/task.repository';
import type { NotificationType } from './notification-types';

/**
 * What a user is told, in the notification centre, by Web Push (the service worker shows it; a click
 * opens `url`) and by mail.
 */
export interface NotificationMessage {
  type: NotificationType;
  title: string;
  body: string;
  /** Path in the PWA to open on click (the task selected in the workspace). */
  url: string;
  /** Notifications with the same tag replace each other on the device. */
  tag: string;
  task_id: string;
}

/** Domain events of certification decisions worth a notification, and how they read. */
const DECISIONS: Record<string, string> = {
  'certification.certified': 'certified',
  'certification.approved': 'approved',
  'certification.rejected': 'rejected',
  'certification.revoked': 'revoked',
};

export interface Recipient {
  userId: string;
  message: NotificationMessage;
}

/** Notifications of the domain events that warrant one. */
export const isNotifiable = (event: DomainEventContract): boolean =>
  event.type === 'task.assigned' || Boolean(DECISIONS[event.type]);

/**
 * Who is told what about a committed domain event: `task.assigned` tells the new assignee;
 * certification decisions (`certification.certified|approved|rejected|revoked`, consumed from the
 * certification service's status feed whoever decided, there or through the API) tell the task's
 * assignee and the person who requested the certification, never the person who made the decision.
 * Runs in the event's tenant.
 */
@Injectable()
export class NotificationRecipients {
  constructor(private readonly tasks: TaskRepository) {}

  async of(event: DomainEventContract): Promise<Recipient[]> {
    const taskId = event.entity_id;
    if (event.type === 'task.assigned') {
      const assignee = event.payload.assignee_id;
      if (!isUuid(assignee)) return [];
      const task = await this.tasks.findById(taskId);
      if (!task || task.assigneeId !== assignee) return [];
      return [
        {
          userId: assignee,
          message: {
            type: event.type,
            title: 'Task assigned to you',
            body: task.title,
            url: `/?task=${task.id}`,
            tag: `task-assigned-${task.id}`,
            task_id: task.id,
          },
        },
      ];
    }
    const decision = DECISIONS[event.type];
    if (!decision || event.entity_type !== 'task') return [];
    const task = await this.tasks.findById(taskId);
    if (!task) return [];
    const createdBy = typeof event.payload.created_by === 'string' ? event.payload.created_by : '';
    const requester = createdBy.startsWith('user:') ? createdBy.slice('user:'.length) : null;
    const actor = event.payload.actor as { type?: string; id?: string | null } | undefined;
    const decidedBy = actor?.type === 'user' ? actor.id : null;
    const users = [...new Set([task.assigneeId, requester].filter(isUuid))].filter((u) => u !== decidedBy);
    const number = typeof event.payload.number === 'string' ? event.payload.number : 'Certification';
    return users.map((userId) => ({
      userId,
      message: {
        type: 'certification.decided',
        title: `${number} ${decision}`,
        body: task.title,
        url: `/?task=${task.id}`,
        tag: `certification-${String(event.payload.certification_id)}`,
        task_id: task.id,
      },
    }));
  }
}
