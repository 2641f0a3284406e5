import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { runInTenant } from '@oversing/platform';
import type { DomainEventContract } from '@oversing/contracts';
import { API_CONFIG } from '../api.config';
import type { ApiConfig } from '../api.config';
import { RealtimePublisher } from '../broadcasting/realtime-publisher';
import { DomainEventBus } from '../events/domain-event-bus';
import { renderMail } from '../identity/mail-layout';
import { Mailer } from '../identity/mailer';
import { UserRepository } from '../identity/user.repository';
import { NotificationQueue } from '../push/notification-queue';
import { PushSubscriptionRepository } from '../push/push-subscription.repository';
import { TenantRepository } from '../tenancy/tenant.repository';
import { Notification } from './notification.entities';
import { NotificationRepository } from './notification.repository';
import { NotificationPreferencesService } from './notification-preferences.service';
import { isNotifiable, NotificationRecipients, Recipient } from './notification-recipients';
import { publicNotification } from './notification.view';

/** The event name of a new notification on the user's private realtime channel. */
export const NOTIFICATION_CREATED = 'notification.created';

/**
 * Tells people about committed domain events: stores one notification per recipient and cause (the
 * notification centre), publishes it on `private-user.{id}`, and, as the user's preferences say,
 * enqueues a Web Push per subscription and a mail. Runs after COMMIT and never delays or fails the
 * request; an event handled twice notifies once (the cause is unique per user).
 */
@Injectable()
export class NotificationDispatcher implements OnModuleInit {
  private readonly logger = new Logger(NotificationDispatcher.name);

  constructor(
    private readonly bus: DomainEventBus,
    private readonly recipients: NotificationRecipients,
    private readonly notifications: NotificationRepository,
    private readonly preferences: NotificationPreferencesService,
    private readonly realtime: RealtimePublisher,
    private readonly pushSubscriptions: PushSubscriptionRepository,
    private readonly pushQueue: NotificationQueue,
    private readonly mailer: Mailer,
    private readonly users: UserRepository,
    private readonly tenants: TenantRepository,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  onModuleInit(): void {
    this.bus.subscribe({
      name: 'notifications',
      handle: async (event) => {
        if (!isNotifiable(event)) return;
        this.dispatch(event).catch((error: unknown) =>
          this.logger.warn(
            `notifications for ${event.type} #${event.sequence} failed: ${(error as Error).message}`,
          ),
        );
      },
    });
  }

  dispatch(event: DomainEventContract): Promise<void> {
    return runInTenant(event.tenant_id, async () => {
      for (const recipient of await this.recipients.of(event)) {
        const stored = await this.notifications.insertOnce({
          userId: recipient.userId,
          type: recipient.message.type,
          cause: event.id,
          title: recipient.message.title,
          body: recipient.message.body,
          url: recipient.message.url,
          taskId: recipient.message.task_id,
        });
        if (stored) await this.deliver(event, recipient, stored);
      }
    });
  }

  private async deliver(
    event: DomainEventContract,
    recipient: Recipient,
    stored: Notification,
  ): Promise<void> {
    const { userId, message } = recipient;
    const channels = await this.preferences.channelsOf(userId, message.type);
    const live = this.realtime
      .publish([`private-user.${userId}`], NOTIFICATION_CREATED, publicNotification(stored))
      .catch((error: unknown) =>
        this.logger.warn(`live notification to user ${userId} failed: ${(error as Error).message}`),
      );
    if (channels.push) {
      const subscriptions = await this.pushSubscriptions.forUser(userId);
      await this.pushQueue.enqueue(
        event.id,
        subscriptions.map((subscription) => ({
          tenant_id: event.tenant_id,
          subscription_id: subscription.id,
          event_type: event.type,
          message: { ...message },
        })),
      );
    }
    if (channels.email) await this.mail(stored);
    await live;
  }

  private async mail(notification: Notification): Promise<void> {
    const user = await this.users.findById(notification.userId);
    if (!user || user.status !== 'active') return;
    const tenant = await this.tenants.findById(user.tenantId);
    const url = `${this.config.PUBLIC_WEB_URL.replace(/\/$/, '')}${notification.url}`;
    await this.mailer.send({
      to: user.email,
      kind: notification.type,
      key: `notification-${notification.id}`,
      subject: `${notification.title}: ${notification.body}`.slice(0, 200),
      ...renderMail({
        tenantName: tenant?.name ?? 'Oversing',
        heading: notification.title,
        paragraphs: [`Hello ${user.name},`, notification.body],
        action: { label: 'Open in Oversing', url },
        footnote: 'You get this mail because of your notification settings in Oversing; change them there.',
      }),
    });
  }
}
