import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Pool } from 'pg';
import { AuditRelayProcessor, AUDIT_RELAY_QUEUE } from './audit-relay/audit-relay.processor';
import { AuditSink, ClientCredentialsTokenSource, HttpAuditSink } from './audit-relay/audit-sink';
import { OutboxRelay } from './audit-relay/outbox-relay';
import { WORKER_CONFIG, WorkerConfig } from './worker.config';

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
      clientId: config.AUDIT_RELAY_CLIENT_ID ?? '',
      clientSecret: config.AUDIT_RELAY_CLIENT_SECRET ?? '',
      scope: 'audit:write',
      resource: config.CERTIFICATION_AUDIENCE,
    }),
  );
}

/** The worker process: BullMQ processors (the audit outbox relay). Pass a sink to deliver elsewhere. */
@Module({})
export class WorkerModule implements OnApplicationShutdown {
  constructor(@Inject(Pool) private readonly pool: Pool) {}

  static forRoot(config: WorkerConfig, sink: AuditSink = productionSink(config)): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        BullModule.forRoot({ connection: redisConnection(config.REDIS_URL), prefix: config.BULLMQ_PREFIX }),
        BullModule.registerQueue({ name: AUDIT_RELAY_QUEUE }),
      ],
      providers: [
        { provide: WORKER_CONFIG, useValue: config },
        { provide: Pool, useFactory: () => new Pool({ connectionString: config.DATABASE_URL, max: 4 }) },
        { provide: AUDIT_SINK, useValue: sink },
        {
          provide: OutboxRelay,
          inject: [Pool, AUDIT_SINK],
          useFactory: (pool: Pool, s: AuditSink) => new OutboxRelay(pool, s, config.AUDIT_RELAY_BATCH_SIZE),
        },
        AuditRelayProcessor,
      ],
      exports: [OutboxRelay],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end().catch(() => undefined);
  }
}
