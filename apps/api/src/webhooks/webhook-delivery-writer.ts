import { Injectable, OnModuleInit } from '@nestjs/common';
import type { DomainEventContract } from '@oversing/contracts';
import { DomainEventBus, InTransactionDomainEventHandler } from '../events/domain-event-bus';
import { WebhookDeliveryRepository } from './webhook.repository';

/**
 * Writes the webhook deliveries of each domain event inside the event's own transaction, so an event
 * that commits always has its deliveries and one that rolls back has none (nothing lost, nothing sent
 * for a change that never happened). apps/worker sends them.
 */
@Injectable()
export class WebhookDeliveryWriter implements InTransactionDomainEventHandler, OnModuleInit {
  readonly name = 'webhook-deliveries';

  constructor(
    private readonly bus: DomainEventBus,
    private readonly deliveries: WebhookDeliveryRepository,
  ) {}

  onModuleInit(): void {
    this.bus.onPublish(this);
  }

  async handleInTransaction(event: DomainEventContract): Promise<void> {
    await this.deliveries.enqueue(event);
  }
}
