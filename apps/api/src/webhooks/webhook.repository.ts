import { Injectable } from '@nestjs/common';
import {
  isUuid,
  keysetCondition,
  ListQuery,
  RequestContext,
  TenantScopedRepository,
  UnitOfWork,
} from '@oversing/platform';
import type { DomainEventContract } from '@oversing/contracts';
import { WebhookDelivery, WebhookSubscription } from './webhook.entities';

export const SUBSCRIPTION_SORTABLE: Record<string, string> = { created_at: 'subscription.created_at' };
export const DELIVERY_SORTABLE: Record<string, string> = { created_at: 'delivery.created_at' };

@Injectable()
export class WebhookSubscriptionRepository extends TenantScopedRepository<WebhookSubscription> {
  constructor(uow: UnitOfWork) {
    super(uow, WebhookSubscription, 'subscription');
  }

  /** Loads a subscription and locks it until the transaction ends (edits serialize). */
  async findForUpdate(id: string): Promise<WebhookSubscription | null> {
    if (!isUuid(id)) return null;
    return this.scopedQuery().andWhere('subscription.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  list(query: ListQuery): Promise<WebhookSubscription[]> {
    const builder = this.scopedQuery();
    if (query.filters.active !== undefined)
      builder.andWhere('subscription.active = :active', { active: query.filters.active === 'true' });
    if (query.cursor) {
      const keyset = keysetCondition(query.sort, SUBSCRIPTION_SORTABLE, 'subscription.id', query.cursor);
      builder.andWhere(keyset.sql, keyset.params);
    }
    builder.orderBy();
    for (const s of query.sort) builder.addOrderBy(SUBSCRIPTION_SORTABLE[s.field], s.direction, 'NULLS LAST');
    return builder
      .addOrderBy('subscription.id', 'ASC')
      .limit(query.limit + 1)
      .getMany();
  }
}

@Injectable()
export class WebhookDeliveryRepository extends TenantScopedRepository<WebhookDelivery> {
  constructor(uow: UnitOfWork) {
    super(uow, WebhookDelivery, 'delivery');
  }

  /**
   * Writes one pending delivery of the event for every active subscription of its tenant whose filters
   * match its type (exact, `prefix.*` or `*`), in the current transaction. Returns how many were written.
   */
  async enqueue(event: DomainEventContract): Promise<number> {
    const tenantId = RequestContext.tenantId();
    if (event.tenant_id !== tenantId) throw new Error('Refusing to enqueue an event of another tenant');
    const body = JSON.stringify({
      id: event.id,
      type: event.type,
      tenant_id: event.tenant_id,
      sequence: event.sequence,
      entity_type: event.entity_type,
      entity_id: event.entity_id,
      occurred_at: event.occurred_at,
      data: event.payload,
    });
    const rows = (await this.uow.manager().query(
      `INSERT INTO webhook_deliveries (tenant_id, subscription_id, event_id, event_type, body)
       SELECT s.tenant_id, s.id, $2::uuid, $3::text, $4::text FROM webhook_subscriptions s
        WHERE s.tenant_id = $1::uuid AND s.active
          AND EXISTS (SELECT 1 FROM unnest(s.event_types) AS f(filter)
                       WHERE f.filter = $3::text
                          OR (right(f.filter, 1) = '*' AND starts_with($3::text, left(f.filter, -1))))
       ON CONFLICT (subscription_id, event_id) DO NOTHING
       RETURNING id`,
      [tenantId, event.id, event.type, body],
    )) as { id: string }[];
    return rows.length;
  }

  listForSubscription(subscriptionId: string, query: ListQuery): Promise<WebhookDelivery[]> {
    const builder = this.scopedQuery().andWhere('delivery.subscription_id = :subscriptionId', {
      subscriptionId,
    });
    if (query.filters.status) builder.andWhere('delivery.status = :status', { status: query.filters.status });
    if (query.filters.event_type)
      builder.andWhere('delivery.event_type = :eventType', { eventType: query.filters.event_type });
    if (query.cursor) {
      const keyset = keysetCondition(query.sort, DELIVERY_SORTABLE, 'delivery.id', query.cursor);
      builder.andWhere(keyset.sql, keyset.params);
    }
    builder.orderBy();
    for (const s of query.sort) builder.addOrderBy(DELIVERY_SORTABLE[s.field], s.direction, 'NULLS LAST');
    return builder
      .addOrderBy('delivery.id', 'ASC')
      .limit(query.limit + 1)
      .getMany();
  }
}
