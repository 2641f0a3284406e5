import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable, Logger } from '@nestjs/common';
import { UnitOfWork } from '@oversing/platform';
import type { DomainEventContract } from '@oversing/contracts';
import { toDomainEventContract } from './domain-event.entity';
import { DomainEventRepository, NewDomainEvent } from './domain-event.repository';

/** Receives events after the transaction that produced them has committed (e.g. the realtime publisher). */
export interface DomainEventSubscriber {
  readonly name: string;
  handle(event: DomainEventContract): Promise<void>;
}

/**
 * Runs inside the transaction that publishes an event, before it commits (e.g. webhook deliveries):
 * what it writes commits or rolls back with the event, and an error aborts the whole transaction.
 */
export interface InTransactionDomainEventHandler {
  readonly name: string;
  handleInTransaction(event: DomainEventContract): Promise<void>;
}

const pending = new AsyncLocalStorage<DomainEventContract[]>();

/**
 * The one way domain events leave a module. `transaction(work)` runs the work in a UnitOfWork;
 * `publish()` inside it stores the event with the tenant's next sequence number in that transaction;
 * once the transaction commits, the events go to every subscriber (a failing subscriber is logged and
 * does not affect the others: clients catch up through GET /api/v1/sync).
 */
@Injectable()
export class DomainEventBus {
  private readonly logger = new Logger(DomainEventBus.name);
  private readonly subscribers: DomainEventSubscriber[] = [];
  private readonly inTransactionHandlers: InTransactionDomainEventHandler[] = [];

  constructor(
    private readonly uow: UnitOfWork,
    private readonly events: DomainEventRepository,
  ) {}

  subscribe(subscriber: DomainEventSubscriber): void {
    this.subscribers.push(subscriber);
  }

  /** Registers a handler called for each event inside its transaction (see InTransactionDomainEventHandler). */
  onPublish(handler: InTransactionDomainEventHandler): void {
    this.inTransactionHandlers.push(handler);
  }

  async transaction<T>(work: () => Promise<T>): Promise<T> {
    const outer = pending.getStore();
    if (outer) return this.uow.run(work);
    const collected: DomainEventContract[] = [];
    const result = await pending.run(collected, () => this.uow.run(work));
    await this.dispatch(collected);
    return result;
  }

  async publish(event: NewDomainEvent): Promise<DomainEventContract> {
    const collected = pending.getStore();
    if (!collected || !this.uow.inTransaction) {
      throw new Error('Domain events must be published inside DomainEventBus.transaction');
    }
    const contract = toDomainEventContract(await this.events.append(event));
    for (const handler of this.inTransactionHandlers) await handler.handleInTransaction(contract);
    collected.push(contract);
    return contract;
  }

  private async dispatch(events: DomainEventContract[]): Promise<void> {
    for (const event of events) {
      for (const subscriber of this.subscribers) {
        try {
          await subscriber.handle(event);
        } catch (error) {
          this.logger.warn(
            `subscriber ${subscriber.name} failed on ${event.type} #${event.sequence}: ${(error as Error).message}`,
          );
        }
      }
    }
  }
}
