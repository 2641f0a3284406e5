import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Pool } from 'pg';
import pino from 'pino';
import { instrumentPool, loggerOptions, OutboundFetch } from '@oversing/platform';
import {
  AuditRelayProcessor,
  AUDIT_RELAY_QUEUE,
  deadLetteredCounter,
} from './audit-relay/audit-relay.processor';
import {
  ClientCredentialsTokenSource,
  LocalKeyEncryption,
  DEVELOPMENT_INTERNAL_CLIENT_SECRET,
  INTERNAL_CLIENT_ID,
} from '@oversing/platform';
import { AuditSink, HttpAuditSink } from './audit-relay/audit-sink';
import { OutboxRelay } from './audit-relay/outbox-relay';
import { MaintenanceTasks } from './maintenance/maintenance-tasks';
import { MAINTENANCE_QUEUE, maintenanceProcessor } from './maintenance/maintenance.processor';
import { MAIL_QUEUE, MailProcessor } from './mail/mail.processor';
import { SmtpMailSender } from './mail/smtp-mail-sender';
import { NOTIFICATIONS_QUEUE, PushNotificationProcessor } from './notifications/push-notification.processor';
import { WebPushSender } from './notifications/web-push-sender';
import { QueueMetrics } from './queue-metrics';
import { WebhookDeliveryProcessor, WEBHOOKS_QUEUE } from './webhooks/webhook-delivery.processor';
import { ExportProcessor, EXPORTS_QUEUE } from './exports/export.processor';
import { WebhookDispatcher } from './webhooks/webhook-dispatcher';
import { keyEncryptionKeyOf, smtpUrlOf, WORKER_CONFIG, WorkerConfig } from './worker.config';

export const AUDIT_SINK = Symbol('AUDIT_SINK');

function redisConnection(url: string): { host: string; port: number; password?: string; db?: number } {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(parsed.pathname.length > 1 ? { db: Number(parsed.pathname.slice(1)) } : {}),
  };
}

export function productionSink(config: WorkerConfig): AuditSink {
  return new HttpAuditSink(
    config.CERTIFICATION_URL,
    new ClientCredentialsTokenSource({
      tokenUrl: config.OAUTH_TOKEN_URL,
      // Outside production the demo seed creates the internal service client with this development secret.
      clientId: config.AUDIT_RELAY_CLIENT_ID ?? INTERNAL_CLIENT_ID,
      clientSecret: config.AUDIT_RELAY_CLIENT_SECRET ?? DEVELOPMENT_INTERNAL_CLIENT_SECRET,
      scope: 'audit:write',
      resource: config.CERTIFICATION_AUDIENCE,
    }),
  );
}

/** The worker process: BullMQ processors (the audit outbox relay, webhook deliveries, maintenance, Web Push, mail). Pass a sink to deliver elsewhere. */
@Module({})
export class WorkerModule implements OnApplicationShutdown {
  constructor(@Inject(Pool) private readonly pool: Pool) {}

  static forRoot(config: WorkerConfig, sink: AuditSink = productionSink(config)): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        DiscoveryModule,
        BullModule.forRoot({ connection: redisConnection(config.REDIS_URL), prefix: config.BULLMQ_PREFIX }),
        BullModule.registerQueue({ name: AUDIT_RELAY_QUEUE }),
        BullModule.registerQueue({ name: WEBHOOKS_QUEUE }),
        BullModule.registerQueue({ name: MAINTENANCE_QUEUE }),
        BullModule.registerQueue({ name: NOTIFICATIONS_QUEUE }),
        BullModule.registerQueue({ name: EXPORTS_QUEUE }),
        BullModule.registerQueue({ name: MAIL_QUEUE }),
      ],
      providers: [
        { provide: WORKER_CONFIG, useValue: config },
        QueueMetrics,
        {
          provide: Pool,
          useFactory: () => {
            const pool = new Pool({
              connectionString: config.DATABASE_URL,
              max: 4,
              application_name: 'oversing-worker',
            });
            instrumentPool(pool, 'worker');
            return pool;
          },
        },
        { provide: AUDIT_SINK, useValue: sink },
        {
          provide: OutboxRelay,
          inject: [Pool, AUDIT_SINK],
          useFactory: (pool: Pool, s: AuditSink) =>
            new OutboxRelay(
              pool,
              s,
              config.AUDIT_RELAY_BATCH_SIZE,
              pino(loggerOptions('worker', config.LOG_LEVEL)),
              {
                maxBatchBytes: config.AUDIT_RELAY_MAX_BATCH_BYTES,
                onDeadLetters: (letters) =>
                  letters.forEach((letter) => deadLetteredCounter.inc({ status: String(letter.status) })),
              },
            ),
        },
        {
          provide: WebhookDispatcher,
          inject: [Pool],
          useFactory: (pool: Pool) =>
            new WebhookDispatcher(
              pool,
              new LocalKeyEncryption(keyEncryptionKeyOf(config)),
              {
                batchSize: config.WEBHOOK_DELIVERY_BATCH_SIZE,
                maxAttempts: config.WEBHOOK_DELIVERY_MAX_ATTEMPTS,
                backoffMs: config.WEBHOOK_DELIVERY_BACKOFF_MS,
                timeoutMs: config.WEBHOOK_DELIVERY_TIMEOUT_MS,
              },
              new OutboundFetch(config.OUTBOUND_ALLOWLIST),
            ),
        },
        {
          provide: MaintenanceTasks,
          inject: [Pool],
          useFactory: (pool: Pool) =>
            new MaintenanceTasks(pool, {
              webhookDeliveryRetentionDays: config.WEBHOOK_DELIVERY_RETENTION_DAYS,
            }),
        },
        { provide: WebPushSender, useFactory: () => new WebPushSender(config) },
        // WORKER_QUEUES picks the processors this process runs.
        ...(config.WORKER_QUEUES.includes('audit-relay') ? [AuditRelayProcessor] : []),
        ...(config.WORKER_QUEUES.includes('webhooks') ? [WebhookDeliveryProcessor] : []),
        ...(config.WORKER_QUEUES.includes('maintenance')
          ? [maintenanceProcessor(config.MAINTENANCE_LOCK_DURATION_MS)]
          : []),
        ...(config.WORKER_QUEUES.includes('notifications') ? [PushNotificationProcessor] : []),
        ...(config.WORKER_QUEUES.includes('exports') ? [ExportProcessor] : []),
        ...(config.WORKER_QUEUES.includes('mail')
          ? [
              MailProcessor,
              {
                provide: SmtpMailSender,
                useFactory: () => new SmtpMailSender(smtpUrlOf(config), config.MAIL_FROM),
              },
            ]
          : []),
      ],
      exports: [OutboxRelay, WebhookDispatcher],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end().catch(() => undefined);
  }
}
