import { Module } from '@nestjs/common';
import { BroadcastingModule } from '../broadcasting/broadcasting.module';
import { IdentityModule } from '../identity/identity.module';
import { PushModule } from '../push/push.module';
import { TasksModule } from '../tasks/tasks.module';
import { TenancyModule } from '../tenancy/tenancy.module';
import { NotificationDispatcher } from './notification-dispatcher';
import { NotificationPreferenceRepository, NotificationRepository } from './notification.repository';
import { NotificationPreferencesService } from './notification-preferences.service';
import { NotificationRecipients } from './notification-recipients';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';

/**
 * The notification centre: who is told what about domain events (NotificationRecipients), stored per
 * user, delivered live on the user's private channel and, per the user's preferences, by Web Push
 * (PushModule's queue) and by mail (the worker's mail queue).
 */
@Module({
  imports: [TasksModule, PushModule, IdentityModule, TenancyModule, BroadcastingModule],
  controllers: [NotificationsController],
  providers: [
    NotificationRepository,
    NotificationPreferenceRepository,
    NotificationPreferencesService,
    NotificationRecipients,
    NotificationDispatcher,
    NotificationsService,
  ],
})
export class NotificationsModule {}
