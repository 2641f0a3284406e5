import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { instrumentQueues } from '@oversing/platform';
import { API_CONFIG } from '../api.config';
import type { ApiConfig } from '../api.config';
import { TenancyModule } from '../tenancy/tenancy.module';
import { QueueDashboardController } from './queue-dashboard.controller';
import { QueueDashboardSessionService } from './queue-dashboard-session.service';
import { SystemQueues } from './system-queues';

/** The Horizon role: bull-board over every queue of the system, for operators (see docs/OPERATIONS.md). */
@Module({
  imports: [TenancyModule],
  controllers: [QueueDashboardController],
  providers: [
    QueueDashboardSessionService,
    {
      provide: SystemQueues,
      inject: [API_CONFIG],
      useFactory: (config: ApiConfig) => new SystemQueues(config),
    },
  ],
  exports: [QueueDashboardSessionService, SystemQueues],
})
export class QueueDashboardModule implements OnApplicationShutdown {
  private readonly stopMetrics: () => void;

  constructor(@Inject(SystemQueues) private readonly queues: SystemQueues) {
    this.stopMetrics = instrumentQueues(queues.queues);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopMetrics();
    await this.queues.close();
  }
}
