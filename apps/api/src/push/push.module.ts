import { Module } from '@nestjs/common';
import { PushController } from './push.controller';
import { PushSubscriptionRepository } from './push-subscription.repository';
import { PushService } from './push.service';
import { API_CONFIG } from '../api.config';
import type { ApiConfig } from '../api.config';
import { NotificationQueue } from './notification-queue';
import { VAPID_KEYS, vapidKeysOf } from './vapid-keys';

/**
 * Web Push (VAPID) to the PWA: subscriptions per tenant and user, and the producer of the worker's
 * `notifications` queue (the notification centre enqueues pushes per the user's preferences).
 */
@Module({
  controllers: [PushController],
  providers: [
    PushSubscriptionRepository,
    { provide: VAPID_KEYS, inject: [API_CONFIG], useFactory: (config: ApiConfig) => vapidKeysOf(config) },
    NotificationQueue,
    PushService,
  ],
  exports: [PushSubscriptionRepository, NotificationQueue],
})
export class PushModule {}
