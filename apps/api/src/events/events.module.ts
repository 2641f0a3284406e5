import { Global, Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { DomainEventBus } from './domain-event-bus';
import { EventVisibility } from './event-visibility';
import { DomainEventRepository } from './domain-event.repository';
import { SyncController } from './sync.controller';

/** Domain events: stored per tenant with a sequence, dispatched after commit, replayable via /sync. */
@Global()
@Module({
  imports: [AccessModule],
  controllers: [SyncController],
  providers: [DomainEventRepository, DomainEventBus, EventVisibility],
  exports: [DomainEventBus],
})
export class EventsModule {}
