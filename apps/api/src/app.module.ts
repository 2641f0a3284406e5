import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { AccessTokenStrategy, AuthenticationGuard, HealthModule, LoggingModule } from '@oversing/platform';
import { AccessModule } from './access/access.module';
import { QueueDashboardModule } from './admin/queue-dashboard.module';
import { AuditModule } from './audit/audit.module';
import { BroadcastingModule } from './broadcasting/broadcasting.module';
import { EventsModule } from './events/events.module';
import { ProgramsModule } from './programs/programs.module';
import { TasksModule } from './tasks/tasks.module';
import { WorkflowsModule } from './workflows/workflows.module';
import { CertificationsModule } from './certifications/certifications.module';
import { TimeModule } from './time/time.module';
import { FinancialModule } from './financial/financial.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { PrivacyModule } from './privacy/privacy.module';
import { PushModule } from './push/push.module';
import { NotificationsModule } from './notifications/notifications.module';
import { API_CONFIG, ApiConfig } from './api.config';
import { IdentityModule } from './identity/identity.module';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { InfrastructureModule, REDIS } from './infrastructure/infrastructure.module';
import { OAuthModule } from './oauth/oauth.module';
import { PublicConfigController } from './system/public-config.controller';
import { TenancyModule } from './tenancy/tenancy.module';
import { LegacyModule } from './legacy/legacy.module';
import { SearchModule } from './search/search.module';
import { ExportsModule } from './exports/exports.module';
import { WitnessModule } from './witness/witness.module';
import { ReportsModule } from './reports/reports.module';

/** ioredis options of a redis:// URL, for BullMQ's connections. */
function redisConnection(url: string): { host: string; port: number; password?: string; db?: number } {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(parsed.pathname.length > 1 ? { db: Number(parsed.pathname.slice(1)) } : {}),
  };
}

@Module({})
export class AppModule {
  static forRoot(config: ApiConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        {
          module: class ConfigModule {},
          global: true,
          providers: [{ provide: API_CONFIG, useValue: config }],
          exports: [API_CONFIG],
        },
        DiscoveryModule,
        LoggingModule,
        // the API's own queue (`certification-requests`) under the system's BULLMQ_PREFIX
        BullModule.forRoot({ connection: redisConnection(config.REDIS_URL), prefix: config.BULLMQ_PREFIX }),
        InfrastructureModule,
        HealthModule.forRoot({
          inject: [DataSource, REDIS],
          useFactory: (dataSource: DataSource, redis: Redis) => [
            { name: 'postgres', check: async () => void (await dataSource.query('SELECT 1')) },
            { name: 'redis', check: async () => void (await redis.ping()) },
          ],
        }),
        TenancyModule,
        AccessModule,
        IdentityModule,
        OAuthModule,
        BroadcastingModule,
        AuditModule,
        EventsModule,
        ProgramsModule,
        TasksModule,
        WorkflowsModule,
        CertificationsModule,
        TimeModule,
        FinancialModule,
        WebhooksModule,
        PrivacyModule,
        PushModule,
        NotificationsModule,
        QueueDashboardModule,
        IdempotencyModule,
        LegacyModule,
        SearchModule,
        ExportsModule,
        WitnessModule,
        ReportsModule,
      ],
      controllers: [PublicConfigController],
      providers: [AccessTokenStrategy, { provide: APP_GUARD, useClass: AuthenticationGuard }],
    };
  }
}
