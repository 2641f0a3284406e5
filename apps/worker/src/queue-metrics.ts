import { getQueueToken, WorkerHost } from '@nestjs/bullmq';
import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService, ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { instrumentQueues, instrumentWorker, SYSTEM_QUEUES } from '@oversing/platform';

/**
 * Metrics of every queue this process knows: `oversing_queue_jobs{queue,state}` for each worker-owned
 * queue of SYSTEM_QUEUES that is registered here, and `oversing_job_duration_seconds{queue,status}`
 * for every processor (WorkerHost) this process runs, whatever WORKER_QUEUES selects.
 */
@Injectable()
export class QueueMetrics implements OnApplicationBootstrap, OnApplicationShutdown {
  private stop: () => void = () => undefined;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly moduleRef: ModuleRef,
  ) {}

  onApplicationBootstrap(): void {
    const queues: Queue[] = [];
    for (const descriptor of SYSTEM_QUEUES.filter((q) => q.owner === 'worker')) {
      try {
        queues.push(this.moduleRef.get<Queue>(getQueueToken(descriptor.name), { strict: false }));
      } catch {
        // not registered in this process
      }
    }
    this.stop = instrumentQueues(queues);
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (instance instanceof WorkerHost) instrumentWorker(instance.worker);
    }
  }

  onApplicationShutdown(): void {
    this.stop();
  }
}
