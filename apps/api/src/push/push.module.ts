import { Module } from '@nestjs/common';
import { TasksModule } from '../tasks/tasks.module';
import { PushController } from './push.controller';
import { PushNotifier } from './push-notifier';
import { PushSubscriptionRepository } from './push-subscription.repository';
import { PushService } from './push.service';
import { WebPushSender } from './web-push-sender';

/**
 * Web Push (VAPID) to the PWA: subscriptions per tenant and user, and notifications sent after commit
 * for task assignments and certification decisions (PushNotifier).
 */
@Module({
  imports: [TasksModule],
  controllers: [PushController],
  providers: [PushSubscriptionRepository, WebPushSender, PushService, PushNotifier],
})
export class PushModule {}
