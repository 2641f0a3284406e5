import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { isUuid } from '@oversing/platform';
import type { DomainEventContract } from '@oversing/contracts';
import { ResourceHierarchy } from '../access/resource-hierarchy';
import { DomainEventBus } from '../events/domain-event-bus';
import { RealtimePublisher } from './realtime-publisher';

/**
 * Maps a domain event's channels to realtime channels: `task.{id}` → `private-task.{id}` (likewise
 * program, user, certification) and `tenant.{id}` → `presence-workspace.{id}`, the channel every
 * signed-in user of the tenant joins.
 */
export function realtimeChannelsOf(event: DomainEventContract): string[] {
  return [
    ...new Set(
      event.channels.map((channel) =>
        channel.startsWith('tenant.')
          ? `presence-workspace.${channel.slice('tenant.'.length)}`
          : `private-${channel}`,
      ),
    ),
  ];
}

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
    // Certifications live in the certification service; the API cannot see whether one exists, so a
    // `private-certification.{id}` channel is authorized on the tenant-wide certifications:read grant.
    // Its events carry only id, number and status, and ids are random UUIDs.
    if (!this.hierarchy.has('certification')) {
      this.hierarchy.register('certification', async (id) =>
        isUuid(id) ? [{ type: 'certification', id }] : null,
      );
    }
  }
}
