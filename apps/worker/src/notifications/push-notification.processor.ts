import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { Pool } from 'pg';
import { Counter } from 'prom-client';
import { getOrCreate, metricsRegistry, QueueName } from '@oversing/platform';
import type { PushNotificationJob } from '@oversing/platform';
import { PushTarget, WebPushSender } from './web-push-sender';

export const NOTIFICATIONS_QUEUE = QueueName.Notifications;

const pushes = (): Counter<'type' | 'result'> =>
  getOrCreate(
    'push_notifications_total',
    () =>
      new Counter({
        name: 'push_notifications_total',
        help: 'Web Push messages sent to push services, by event type and result (delivered, gone, failed)',
        labelNames: ['type', 'result'],
        registers: [metricsRegistry()],
      }),
  ) as Counter<'type' | 'result'>;

export type PushJobResult = 'delivered' | 'gone' | 'skipped';

/**
 * The `notifications` queue: one Web Push message per job. The subscription is read in the job's
 * tenant when the job runs; a subscription deleted meanwhile is skipped, one the push service reports
 * gone (404/410) is deleted, and any other failure throws so that BullMQ retries the job with the
 * backoff the API gave it (failed jobs stay in the queue's failed list, the dead letters).
 */
@Processor(NOTIFICATIONS_QUEUE, { concurrency: 10 })
export class PushNotificationProcessor extends WorkerHost {
  private readonly logger = new Logger('PushNotificationProcessor');

  constructor(
    @Inject(Pool) private readonly pool: Pool,
    @Inject(WebPushSender) private readonly sender: WebPushSender,
  ) {
    super();
  }

  async process(job: Job<PushNotificationJob>): Promise<PushJobResult> {
    const { tenant_id: tenantId, subscription_id: subscriptionId, event_type: type, message } = job.data;
    const { rows } = await this.pool.query<PushTarget>(
      'SELECT endpoint, p256dh, auth FROM push_subscriptions WHERE id = $1 AND tenant_id = $2',
      [subscriptionId, tenantId],
    );
    const target = rows[0];
    if (!target) return 'skipped';
    const outcome = await this.sender.send(target, message);
    pushes().inc({ type, result: outcome.result });
    switch (outcome.result) {
      case 'delivered':
        return 'delivered';
      case 'gone':
        await this.pool.query('DELETE FROM push_subscriptions WHERE id = $1 AND tenant_id = $2', [
          subscriptionId,
          tenantId,
        ]);
        return 'gone';
      case 'failed':
        this.logger.warn(
          `web push to subscription ${subscriptionId} failed (attempt ${job.attemptsMade + 1}): ${outcome.error}`,
        );
        throw new Error(outcome.error);
    }
  }
}
