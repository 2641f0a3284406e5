import { Module } from '@nestjs/common';
import { TasksModule } from '../tasks/tasks.module';
import { PushController } from './push.controller';
import { PushNotifier } from './push-notifier';
import { PushSubscriptionRepository } from './push-subscription.repository';
import { PushService } from './push.service';
import { API_CONFIG } from '../api.config';
import type { ApiConfig } from '../api.config';
import { NotificationQueue } from './notification-queue';
import { VAPID_KEYS, vapidKeysOf } from './vapid-keys';

/**
 * Web Push (VAPID) to the PWA: subscriptions per tenant and user, and notifications enqueued after
 * commit for task assignments and certification decisions (PushNotifier), sent by the worker.
 */
@Module({
  imports: [TasksModule],
  controllers: [PushController],
  providers: [
    PushSubscriptionRepository,
    { provide: VAPID_KEYS, inject: [API_CONFIG], useFactory: (config: ApiConfig) => vapidKeysOf(config) },
    NotificationQueue,
    PushService,
    PushNotifier,
  ],
})
export class PushModule {}
