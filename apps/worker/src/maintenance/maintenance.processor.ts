import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, OnApplicationBootstrap, Type } from '@nestjs/common';
import { Job, Queue, UnrecoverableError } from 'bullmq';
import { QueueName } from '@oversing/platform';
import { WORKER_CONFIG } from '../worker.config';
import type { WorkerConfig } from '../worker.config';
import {
  MaintenanceOutcome,
  MaintenanceTask,
  MaintenanceTasks,
  UnknownMaintenanceTaskError,
} from './maintenance-tasks';

export const MAINTENANCE_QUEUE = QueueName.Maintenance;

/**
 * The `maintenance` queue's processor: scheduled, idempotent housekeeping jobs (MaintenanceTasks).
 * Built per configuration because BullMQ's lock duration and stalled-check interval are worker options
 * fixed by the decorator: a worker that dies mid-job holds the job's lock until it expires, and the
 * next stalled check (every `lockDurationMs`) moves the job back to wait for another worker.
 */
export function maintenanceProcessor(lockDurationMs: number): Type<WorkerHost> {
  @Processor(MAINTENANCE_QUEUE, {
    concurrency: 1,
    lockDuration: lockDurationMs,
    stalledInterval: lockDurationMs,
    // A job that stalls twice (it crashes the worker) fails instead of looping.
    maxStalledCount: 2,
  })
  class MaintenanceProcessor extends WorkerHost implements OnApplicationBootstrap {
    readonly logger = new Logger('MaintenanceProcessor');

    constructor(
      @Inject(MaintenanceTasks) readonly tasks: MaintenanceTasks,
      @InjectQueue(MAINTENANCE_QUEUE) readonly queue: Queue,
      @Inject(WORKER_CONFIG) readonly config: WorkerConfig,
    ) {
      super();
    }

    async onApplicationBootstrap(): Promise<void> {
      const opts = {
        attempts: 5,
        backoff: { type: 'exponential', delay: 60_000 },
        removeOnComplete: 100,
        removeOnFail: 500,
      };
      await this.queue.upsertJobScheduler(
        MaintenanceTask.WebhookDeliveriesPrune,
        { pattern: this.config.MAINTENANCE_WEBHOOK_PRUNE_CRON },
        { name: MaintenanceTask.WebhookDeliveriesPrune, opts },
      );
      // hourly: stored Idempotency-Key outcomes live 24 h
      await this.queue.upsertJobScheduler(
        MaintenanceTask.IdempotencyKeysPrune,
        { pattern: '41 * * * *' },
        { name: MaintenanceTask.IdempotencyKeysPrune, opts },
      );
    }

    async process(job: Job): Promise<MaintenanceOutcome> {
      try {
        const outcome = await this.tasks.run({
          id: job.id ?? job.name,
          name: job.name,
          attempt: job.attemptsStarted,
        });
        this.logger.log(
          `${job.name} ${job.id}: ${outcome.alreadyDone ? 'already done' : 'done'} ${JSON.stringify(outcome.result)}`,
        );
        return outcome;
      } catch (error) {
        if (error instanceof UnknownMaintenanceTaskError) throw new UnrecoverableError(error.message);
        throw error;
      }
    }
  }
  return MaintenanceProcessor;
}
