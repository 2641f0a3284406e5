import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Job, Queue, UnrecoverableError } from 'bullmq';
import { instrumentQueues, instrumentWorker, QueueName } from '@oversing/platform';
import { API_CONFIG } from '../api.config';
import type { ApiConfig } from '../api.config';
import { CertificationRequester } from './certification-requester';
import type { SweepResult } from './certification-requester';

export const CERTIFICATION_REQUESTS_QUEUE = QueueName.CertificationRequests;

/** The repeatable jobs of the `certification-requests` queue. */
export const CertificationRequestsJob = {
  /** delivers every due pending `certification_requests` row (each in its tenant) */
  Sweep: 'certification-requests-sweep',
} as const;

/** How often the sweep runs. */
/** The default interval (CERTIFICATION_REQUEST_SWEEP_SECONDS). */
export const CERTIFICATION_SWEEP_INTERVAL_MS = 5_000;

/**
 * The API's worker role for automatic certification requests: the delivery needs the API's domain-event
 * bus, audit recorder and webhook fan-out, so the API process runs it itself. Every replica registers
 * the same job scheduler (an upsert, so it stays one) and runs a worker; the queue's global concurrency
 * of 1 lets only one sweep run at a time across all replicas, and BullMQ's job lock hands a sweep whose
 * replica died to another one after the stalled check. A sweep that cannot read the due rows fails and
 * retries with exponential backoff; it is idempotent (each row is claimed with a lease before delivery).
 * The attempt made right after a transition commits stays outside the queue (an optimisation; the rows
 * are the source of truth).
 */
@Processor(CERTIFICATION_REQUESTS_QUEUE, { concurrency: 1, maxStalledCount: 2 })
export class CertificationRequestsProcessor
  extends WorkerHost
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger('CertificationRequests');
  private stopMetrics: () => void = () => undefined;

  constructor(
    private readonly requester: CertificationRequester,
    @InjectQueue(CERTIFICATION_REQUESTS_QUEUE) readonly queue: Queue,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    this.stopMetrics = instrumentQueues([this.queue]);
    instrumentWorker(this.worker);
    await this.queue.setGlobalConcurrency(1);
    const seconds = this.config.CERTIFICATION_REQUEST_SWEEP_SECONDS;
    if (seconds === 0) {
      await this.queue.removeJobScheduler(CertificationRequestsJob.Sweep);
      return;
    }
    await this.queue.upsertJobScheduler(
      CertificationRequestsJob.Sweep,
      { every: seconds * 1000 },
      {
        name: CertificationRequestsJob.Sweep,
        opts: {
          attempts: 3,
          backoff: { type: 'exponential', delay: 2_000 },
          removeOnComplete: 100,
          removeOnFail: 500,
        },
      },
    );
  }

  onApplicationShutdown(): void {
    this.stopMetrics();
  }

  async process(job: Job): Promise<SweepResult> {
    switch (job.name) {
      case CertificationRequestsJob.Sweep: {
        const result = await this.requester.sweep();
        if (result.due) this.logger.debug(`${job.name} ${job.id}: ${JSON.stringify(result)}`);
        return result;
      }
      default:
        throw new UnrecoverableError(`unknown certification requests job ${job.name}`);
    }
  }
}
