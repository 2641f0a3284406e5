import { Module } from '@nestjs/common';
import { WebhookDeliveryWriter } from './webhook-delivery-writer';
import { WebhookDeliveryRepository, WebhookSubscriptionRepository } from './webhook.repository';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

/**
 * Outgoing webhooks: subscriptions per tenant, deliveries written in each domain event's transaction
 * (WebhookDeliveryWriter), sent, signed and retried by apps/worker (queue `webhooks`).
 */
@Module({
  controllers: [WebhooksController],
  providers: [
    WebhookSubscriptionRepository,
    WebhookDeliveryRepository,
    WebhooksService,
    WebhookDeliveryWriter,
  ],
})
export class WebhooksModule {}
