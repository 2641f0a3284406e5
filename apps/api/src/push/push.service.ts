import { Inject, Injectable } from '@nestjs/common';
import { AppException, RequestContext, UnitOfWork } from '@oversing/platform';
import { CreatePushSubscriptionDto } from './dto/push-subscription.dto';
import { publicPushSubscription } from './push-subscription.entity';
import { PushSubscriptionRepository } from './push-subscription.repository';
import { VAPID_KEYS } from './vapid-keys';
import type { VapidKeys } from './vapid-keys';

/** Web Push subscriptions of the signed-in user (OAuth clients have no browser to notify). */
@Injectable()
export class PushService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly subscriptions: PushSubscriptionRepository,
    @Inject(VAPID_KEYS) private readonly vapid: VapidKeys,
  ) {}

  vapidPublicKey(): { public_key: string } {
    return { public_key: this.vapid.publicKey };
  }

  async subscribe(
    dto: CreatePushSubscriptionDto,
    userAgent: string | undefined,
  ): Promise<Record<string, unknown>> {
    const userId = this.currentUserId();
    const saved = await this.uow.run(() =>
      this.subscriptions.upsert({
        userId,
        endpoint: dto.endpoint,
        p256dh: dto.keys.p256dh,
        auth: dto.keys.auth,
        userAgent: userAgent?.slice(0, 500) ?? null,
      }),
    );
    return publicPushSubscription(saved);
  }

  async unsubscribe(endpoint: string): Promise<void> {
    const userId = this.currentUserId();
    if (!(await this.subscriptions.deleteForUser(userId, endpoint)))
      throw AppException.notFound('No push subscription of yours with this endpoint');
  }

  private currentUserId(): string {
    const principal = RequestContext.principal();
    if (principal?.kind !== 'user')
      throw AppException.forbidden('Push subscriptions belong to signed-in users');
    return principal.id;
  }
}
