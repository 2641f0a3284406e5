import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { queuePrefixOf, SYSTEM_QUEUES } from '@oversing/platform';
import type { ApiConfig } from '../api.config';

/**
 * Handles on every BullMQ queue of the system (SYSTEM_QUEUES), for the dashboard and the queue gauges.
 * The API neither produces nor consumes these jobs; it only reads and manages them.
 */
export class SystemQueues {
  readonly queues: Queue[];
  private readonly connection: Redis;

  constructor(config: ApiConfig) {
    this.connection = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null, lazyConnect: false });
    this.connection.on('error', () => undefined);
    const prefixes = { worker: config.BULLMQ_PREFIX, realtimeRedisPrefix: config.REALTIME_REDIS_PREFIX };
    this.queues = SYSTEM_QUEUES.map(
      (descriptor) =>
        new Queue(descriptor.name, {
          connection: this.connection,
          prefix: queuePrefixOf(descriptor, prefixes),
        }),
    );
  }

  async close(): Promise<void> {
    await Promise.all(this.queues.map((queue) => queue.close().catch(() => undefined)));
    this.connection.disconnect();
  }
}
