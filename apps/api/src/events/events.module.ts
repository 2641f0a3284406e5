import { Global, Module } from '@nestjs/common';
import { DomainEventBus } from './domain-event-bus';
import { DomainEventRepository } from './domain-event.repository';
import { SyncController } from './sync.controller';

/** Domain events: stored per tenant with a sequence, dispatched after commit, replayable via /sync. */
@Global()
@Module({
  controllers: [SyncController],
  providers: [DomainEventRepository, DomainEventBus],
  exports: [DomainEventBus],
})
export class EventsModule {}
