import { Injectable } from '@nestjs/common';
import { RequestContext, TenantScopedRepository, UnitOfWork } from '@oversing/platform';
import { PushSubscription } from './push-subscription.entity';

export interface NewPushSubscription {
  userId: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  userAgent: string | null;
}

@Injectable()
export class PushSubscriptionRepository extends TenantScopedRepository<PushSubscription> {
  constructor(uow: UnitOfWork) {
    super(uow, PushSubscription, 'subscription');
  }

  /**
   * Stores the subscription, idempotently by endpoint within the tenant: subscribing again (or from
   * the same browser as another user of the tenant) replaces the keys and the owner.
   */
  async upsert(values: NewPushSubscription): Promise<PushSubscription> {
    const rows = (await this.uow.manager().query(
      `INSERT INTO push_subscriptions (tenant_id, user_id, endpoint, p256dh, auth, user_agent)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (tenant_id, endpoint) DO UPDATE
         SET user_id = EXCLUDED.user_id, p256dh = EXCLUDED.p256dh, auth = EXCLUDED.auth,
             user_agent = EXCLUDED.user_agent, updated_at = now()
       RETURNING id`,
      [
        RequestContext.tenantId(),
        values.userId,
        values.endpoint,
        values.p256dh,
        values.auth,
        values.userAgent,
      ],
    )) as { id: string }[];
    return (await this.findById(rows[0].id))!;
  }

  /** Deletes the user's subscription with this endpoint; false when the user has none. */
  async deleteForUser(userId: string, endpoint: string): Promise<boolean> {
    const result = await this.repository.delete(this.scopedWhere({ userId, endpoint }));
    return (result.affected ?? 0) > 0;
  }

  forUser(userId: string): Promise<PushSubscription[]> {
    return this.scopedQuery()
      .andWhere('subscription.user_id = :userId', { userId })
      .orderBy('subscription.created_at', 'ASC')
      .getMany();
  }
}
