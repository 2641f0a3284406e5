import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Counter, Gauge } from 'prom-client';
import { getOrCreate, metricsRegistry, QueueName } from '@oversing/platform';
import { WORKER_CONFIG } from '../worker.config';
import type { WorkerConfig } from '../worker.config';
import { OutboxRelay } from './outbox-relay';

export const AUDIT_RELAY_QUEUE = QueueName.AuditRelay;

const delivered = getOrCreate(
  'audit_relay_delivered_total',
  () =>
    new Counter({
      name: 'audit_relay_delivered_total',
      help: 'Audit events delivered to the audit store',
      registers: [metricsRegistry()],
    }),
);
const failures = getOrCreate(
  'audit_relay_failures_total',
  () =>
    new Counter({
      name: 'audit_relay_failures_total',
      help: 'Failed relay runs',
      registers: [metricsRegistry()],
    }),
);
/** Incremented by the relay for each event the certification service refused (see audit_dead_letters). */
export const deadLetteredCounter = getOrCreate(
  'audit_relay_dead_lettered_total',
  () =>
    new Counter({
      name: 'audit_relay_dead_lettered_total',
      help: 'Audit events the certification service refused, set aside in audit_dead_letters',
      labelNames: ['status'],
      registers: [metricsRegistry()],
    }),
);
const openDeadLetters = getOrCreate(
  'audit_dead_letters_open',
  () =>
    new Gauge({
      name: 'audit_dead_letters_open',
      help: 'Dead-lettered audit events not replayed yet',
      registers: [metricsRegistry()],
    }),
);
const pendingGauge = getOrCreate(
  'audit_outbox_pending',
  () =>
    new Gauge({
      name: 'audit_outbox_pending',
      help: 'Audit events not yet delivered',
      registers: [metricsRegistry()],
    }),
);

/**
 * A repeatable BullMQ job drains the audit outbox. BullMQ runs one job at a time per worker here
 * (concurrency 1), and FOR UPDATE SKIP LOCKED keeps several worker processes from sending the same rows.
 */
@Processor(AUDIT_RELAY_QUEUE, { concurrency: 1 })
export class AuditRelayProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(AuditRelayProcessor.name);

  constructor(
    private readonly relay: OutboxRelay,
    @InjectQueue(AUDIT_RELAY_QUEUE) private readonly queue: Queue,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      'audit-relay-poll',
      { every: this.config.AUDIT_RELAY_INTERVAL_MS },
      { name: 'relay', opts: { removeOnComplete: 100, removeOnFail: 100 } },
    );
  }

  async process(): Promise<{ delivered: number }> {
    try {
      const count = await this.relay.drain();
      delivered.inc(count);
      pendingGauge.set(await this.relay.pending());
      openDeadLetters.set(await this.relay.openDeadLetters());
      return { delivered: count };
    } catch (error) {
      failures.inc();
      this.logger.warn(`audit relay failed, will retry: ${(error as Error).message}`);
      throw error;
    }
  }
}
