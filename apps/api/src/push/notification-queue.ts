import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { QueueName } from '@oversing/platform';
import type { PushNotificationJob } from '@oversing/platform';
import { API_CONFIG } from '../api.config';
import type { ApiConfig } from '../api.config';

/** Retries of a push: 5 attempts, 10 s doubling; failed jobs stay in the queue's failed list. */
const JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 10_000 },
  removeOnComplete: 1_000,
  removeOnFail: 5_000,
};

/** The producer side of the worker's `notifications` queue (the API only enqueues Web Push sends). */
@Injectable()
export class NotificationQueue implements OnApplicationShutdown {
  private readonly connection: Redis;
  private readonly queue: Queue<PushNotificationJob>;

  constructor(@Inject(API_CONFIG) config: ApiConfig) {
    this.connection = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
    this.connection.on('error', () => undefined);
    this.queue = new Queue<PushNotificationJob>(QueueName.Notifications, {
      connection: this.connection,
      prefix: config.BULLMQ_PREFIX,
    });
  }

  /**
   * Enqueues one push per subscription. `key` names the cause (a domain event id), so enqueueing the
   * same cause twice adds each push once.
   */
  async enqueue(key: string, jobs: PushNotificationJob[]): Promise<void> {
    if (!jobs.length) return;
    await this.queue.addBulk(
      jobs.map((data) => ({
        name: data.event_type,
        data,
        opts: { ...JOB_OPTIONS, jobId: `push-${key}-${data.subscription_id}` },
      })),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close().catch(() => undefined);
    this.connection.disconnect();
  }
}
