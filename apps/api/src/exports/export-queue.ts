import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { QueueName } from '@oversing/platform';
import type { DataExportJob } from '@oversing/platform';
import { API_CONFIG } from '../api.config';
import type { ApiConfig } from '../api.config';

/**
 * The producer side of the worker's `exports` queue. The job id is the export id, so adding the same export
 * twice (a retry, the worker's sweep of exports left queued) runs it once.
 */
@Injectable()
export class ExportQueue implements OnApplicationShutdown {
  private readonly connection: Redis;
  private readonly queue: Queue<DataExportJob>;

  constructor(@Inject(API_CONFIG) config: ApiConfig) {
    this.connection = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
    this.connection.on('error', () => undefined);
    this.queue = new Queue<DataExportJob>(QueueName.Exports, {
      connection: this.connection,
      prefix: config.BULLMQ_PREFIX,
    });
  }

  async enqueue(job: DataExportJob): Promise<void> {
    await this.queue.add('export', job, {
      jobId: job.export_id,
      attempts: 3,
      backoff: { type: 'exponential', delay: 5_000 },
      removeOnComplete: 1_000,
      removeOnFail: 1_000,
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close().catch(() => undefined);
    this.connection.disconnect();
  }
}
