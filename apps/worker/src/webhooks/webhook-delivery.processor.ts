import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Counter, Gauge } from 'prom-client';
import { getOrCreate, metricsRegistry } from '@oversing/platform';
import { WORKER_CONFIG } from '../worker.config';
import type { WorkerConfig } from '../worker.config';
import { BatchResult, WebhookDispatcher } from './webhook-dispatcher';

export const WEBHOOKS_QUEUE = 'webhooks';

const attempts = getOrCreate(
  'webhook_delivery_attempts_total',
  () =>
    new Counter({
      name: 'webhook_delivery_attempts_total',
      help: 'Webhook delivery attempts by outcome (delivered, failed = will retry, dead)',
      labelNames: ['outcome'],
      registers: [metricsRegistry()],
    }),
);
const pendingGauge = getOrCreate(
  'webhook_deliveries_pending',
  () =>
    new Gauge({
      name: 'webhook_deliveries_pending',
      help: 'Webhook deliveries not yet delivered or dead',
      registers: [metricsRegistry()],
    }),
);

/**
 * A repeatable BullMQ job in the `webhooks` queue sends due deliveries (same shape as the audit relay):
 * one job at a time per worker, and FOR UPDATE SKIP LOCKED claims between worker processes.
 */
@Processor(WEBHOOKS_QUEUE, { concurrency: 1 })
export class WebhookDeliveryProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(WebhookDeliveryProcessor.name);

  constructor(
    private readonly dispatcher: WebhookDispatcher,
    @InjectQueue(WEBHOOKS_QUEUE) private readonly queue: Queue,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      'webhooks-poll',
      { every: this.config.WEBHOOK_DELIVERY_INTERVAL_MS },
      { name: 'deliver', opts: { removeOnComplete: 100, removeOnFail: 100 } },
    );
  }

  async process(): Promise<BatchResult> {
    try {
      const result = await this.dispatcher.drain();
      attempts.inc({ outcome: 'delivered' }, result.delivered);
      attempts.inc({ outcome: 'failed' }, result.failed);
      attempts.inc({ outcome: 'dead' }, result.dead);
      pendingGauge.set(await this.dispatcher.pending());
      return result;
    } catch (error) {
      this.logger.warn(`webhook delivery run failed, will retry: ${(error as Error).message}`);
      throw error;
    }
  }
}
