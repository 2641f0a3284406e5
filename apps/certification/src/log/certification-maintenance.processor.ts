import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue, UnrecoverableError } from 'bullmq';
import { instrumentQueues, instrumentWorker, QueueName } from '@oversing/platform';
import { CERTIFICATION_CONFIG } from '../certification.config';
import type { CertificationConfig } from '../certification.config';
import { LogScheduler } from './log-scheduler';

export const CERTIFICATION_MAINTENANCE_QUEUE = QueueName.CertificationMaintenance;

/** The repeatable jobs of the `certification-maintenance` queue. */
export const CertificationMaintenanceJob = {
  /** `expired` events for certificates past expiry, then a signed checkpoint if the log grew */
  Checkpoint: 'log-checkpoint',
  /** audit_events partitions for this month and the next three */
  AuditPartitions: 'audit-partitions',
  /** deletes stored Idempotency-Key responses past their retention (24 h; table idempotency_keys) */
  IdempotencyKeysPrune: 'idempotency-keys-prune',
} as const;

const HOUR_MS = 3600 * 1000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Processes the certification service's scheduled work in the certification process itself (it is the
 * only writer of the audit database). Every replica registers the same job schedulers (upserts, so
 * they stay one per job) and runs a worker; the queue's global concurrency of 1 lets only one job of
 * the queue run at a time across all replicas, and BullMQ's job lock hands a job whose replica died to
 * another one after the stalled check. Failed runs retry with exponential backoff; the jobs are
 * idempotent (a checkpoint of an unchanged log is the stored one, partitions are created if absent,
 * a prune deletes what is expired).
 */
@Processor(CERTIFICATION_MAINTENANCE_QUEUE, { concurrency: 1, maxStalledCount: 2 })
export class CertificationMaintenanceProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger('CertificationMaintenance');
  private stopMetrics: () => void = () => undefined;

  constructor(
    private readonly scheduler: LogScheduler,
    @InjectQueue(CERTIFICATION_MAINTENANCE_QUEUE) readonly queue: Queue,
    @Inject(CERTIFICATION_CONFIG) private readonly config: CertificationConfig,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    this.stopMetrics = instrumentQueues([this.queue]);
    instrumentWorker(this.worker);
    await this.queue.setGlobalConcurrency(1);
    const opts = {
      attempts: 5,
      backoff: { type: 'exponential', delay: 5_000 },
      removeOnComplete: 100,
      removeOnFail: 500,
    };
    await this.queue.upsertJobScheduler(
      CertificationMaintenanceJob.Checkpoint,
      { every: this.config.CHECKPOINT_INTERVAL_SECONDS * 1000 },
      { name: CertificationMaintenanceJob.Checkpoint, opts },
    );
    await this.queue.upsertJobScheduler(
      CertificationMaintenanceJob.AuditPartitions,
      { every: DAY_MS },
      { name: CertificationMaintenanceJob.AuditPartitions, opts },
    );
    await this.queue.upsertJobScheduler(
      CertificationMaintenanceJob.IdempotencyKeysPrune,
      { every: HOUR_MS },
      { name: CertificationMaintenanceJob.IdempotencyKeysPrune, opts },
    );
  }

  onApplicationShutdown(): void {
    this.stopMetrics();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case CertificationMaintenanceJob.Checkpoint: {
        const result = await this.scheduler.checkpoint();
        this.logger.debug(`${job.name} ${job.id}: ${JSON.stringify(result)}`);
        return result;
      }
      case CertificationMaintenanceJob.AuditPartitions:
        await this.scheduler.ensurePartitions();
        this.logger.debug(`${job.name} ${job.id}: partitions ensured`);
        return { ensured: true };
      case CertificationMaintenanceJob.IdempotencyKeysPrune:
        return { pruned: await this.scheduler.pruneIdempotencyKeys() };
      default:
        throw new UnrecoverableError(`unknown certification maintenance job ${job.name}`);
    }
  }
}
