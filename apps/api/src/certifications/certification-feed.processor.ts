import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Job, Queue, UnrecoverableError } from 'bullmq';
import { instrumentQueues, instrumentWorker, QueueName } from '@oversing/platform';
import { API_CONFIG } from '../api.config';
import type { ApiConfig } from '../api.config';
import { CertificationFeedConsumer } from './certification-feed.consumer';
import type { PullResult } from './certification-feed.consumer';

export const CERTIFICATION_FEED_QUEUE = QueueName.CertificationFeed;

export const CertificationFeedJob = {
  /** reads the certification service's status feed from the cursor and applies what is new */
  Pull: 'certification-feed-pull',
} as const;

/**
 * The API's worker role for decisions flowing back from the certification service: a repeatable job
 * (every CERTIFICATION_FEED_INTERVAL_MS) pulls the status feed. Every replica registers the same
 * scheduler (an upsert) and the queue's global concurrency of 1 runs one pull at a time; a pull that
 * fails (the service is down) fails the job, and the next one starts again from the committed cursor.
 */
@Processor(CERTIFICATION_FEED_QUEUE, { concurrency: 1, maxStalledCount: 2 })
export class CertificationFeedProcessor
  extends WorkerHost
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger('CertificationFeed');
  private stopMetrics: () => void = () => undefined;

  constructor(
    private readonly consumer: CertificationFeedConsumer,
    @InjectQueue(CERTIFICATION_FEED_QUEUE) readonly queue: Queue,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    this.stopMetrics = instrumentQueues([this.queue]);
    instrumentWorker(this.worker);
    await this.queue.setGlobalConcurrency(1);
    const every = this.config.CERTIFICATION_FEED_INTERVAL_MS;
    if (every === 0) {
      await this.queue.removeJobScheduler(CertificationFeedJob.Pull);
      return;
    }
    await this.queue.upsertJobScheduler(
      CertificationFeedJob.Pull,
      { every },
      {
        name: CertificationFeedJob.Pull,
        opts: { attempts: 1, removeOnComplete: 50, removeOnFail: 200 },
      },
    );
  }

  onApplicationShutdown(): void {
    this.stopMetrics();
  }

  async process(job: Job): Promise<PullResult> {
    switch (job.name) {
      case CertificationFeedJob.Pull: {
        const result = await this.consumer.pull();
        if (result.read) this.logger.debug(`${job.name} ${job.id}: ${JSON.stringify(result)}`);
        return result;
      }
      default:
        throw new UnrecoverableError(`unknown certification feed job ${job.name}`);
    }
  }
}
