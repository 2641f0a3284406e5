import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { isUuid } from '@oversing/platform';
import { ResourceHierarchy } from '../access/resource-hierarchy';
import { CertificationProjectionRepository } from '../certifications/certification-projection.repository';
import { DomainEventBus } from '../events/domain-event-bus';
import { realtimeChannelsOf } from '../events/event-visibility';
import { RealtimePublisher } from './realtime-publisher';

/**
 * Sends committed domain events to the realtime server. Publishing happens after the response's
 * transaction and never delays or fails the request: a client that missed an event catches up through
 * GET /api/v1/sync with the event's sequence number.
 */
@Injectable()
export class DomainEventBroadcaster implements OnModuleInit {
  private readonly logger = new Logger(DomainEventBroadcaster.name);

  constructor(
    private readonly bus: DomainEventBus,
    private readonly publisher: RealtimePublisher,
    private readonly hierarchy: ResourceHierarchy,
    private readonly certifications: CertificationProjectionRepository,
  ) {}

  onModuleInit(): void {
    this.bus.subscribe({
      name: 'realtime',
      handle: async (event) => {
        this.publisher.publish(realtimeChannelsOf(event), event.type, event).catch((error: unknown) => {
          this.logger.warn(
            `realtime publish of ${event.type} #${event.sequence} failed: ${(error as Error).message}`,
          );
        });
      },
    });
    // A `private-certification.{id}` channel exists only for a certification of the caller's tenant (the
    // API's projection of the certification service's feed, tenant-scoped): a certification of another
    // tenant resolves to nothing and its channel is refused like any unknown resource.
    if (!this.hierarchy.has('certification')) {
      this.hierarchy.register('certification', async (id) =>
        isUuid(id) && (await this.certifications.findById(id)) ? [{ type: 'certification', id }] : null,
      );
    }
  }
}
