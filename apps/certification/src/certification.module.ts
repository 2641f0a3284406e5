import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Inject, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { Redis } from 'ioredis';
import { createRemoteJWKSet } from 'jose';
import {
  ACCESS_TOKEN_VERIFIER,
  AccessTokenStrategy,
  AccessTokenVerifier,
  AuthenticationGuard,
  AUTHORIZER,
  HealthModule,
  IDEMPOTENT_WRITE_TRANSACTION,
  IdempotencyInterceptor,
  IdempotencyStore,
  instrumentPool,
  LocalKeyEncryption,
  LoggingModule,
  RevocationList,
  type WriteTransaction,
} from '@oversing/platform';
import { RolePermissions } from './access/role-permissions';
import { AuditEventsController } from './audit/audit-events.controller';
import { AuditEventsService } from './audit/audit-events.service';
import { CERTIFICATION_CONFIG, CertificationConfig } from './certification.config';
import { AUDIT_DB, REDIS } from './certification.tokens';
import { CertificationsController } from './certifications/certifications.controller';
import { CertificationsService } from './certifications/certifications.service';
import { StatusFeedController } from './feed/status-feed.controller';
import { AuditDatabase, sqlOn } from './infrastructure/audit-database';
import { StatusPublisher } from './events/status-publisher';
import { KeyStore } from './keys/key-store.service';
import { LogController } from './log/log.controller';
import {
  CERTIFICATION_MAINTENANCE_QUEUE,
  CertificationMaintenanceProcessor,
} from './log/certification-maintenance.processor';
import { LogScheduler } from './log/log-scheduler';
import { TransparencyLog } from './log/transparency-log.service';
import { WitnessClient } from './log/witness-client';
import { PoliciesController } from './policy/policies.controller';
import { PoliciesService } from './policy/policies.service';
import { SubjectErasure } from './subjects/subject-erasure';
import { SubjectKeys } from './subjects/subject-keys';
import { SubjectsController } from './subjects/subjects.controller';

/** Opens and closes the service's connections and runs its scheduled work. */
class Lifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(AUDIT_DB) private readonly db: AuditDatabase,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly scheduler: LogScheduler,
  ) {}

  onModuleInit(): void {
    this.scheduler.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.scheduler.stop();
    this.redis.disconnect();
    await this.db.close();
  }
}

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

/** The domain providers, without HTTP (used by the app and by the CLI). */
export function certificationProviders(config: CertificationConfig): NonNullable<DynamicModule['providers']> {
  return [
    { provide: CERTIFICATION_CONFIG, useValue: config },
    {
      provide: AUDIT_DB,
      useFactory: () => {
        const db = new AuditDatabase({
          url: config.AUDIT_DATABASE_URL,
          role: config.AUDIT_DATABASE_ROLE,
          poolSize: config.AUDIT_DATABASE_POOL_SIZE,
          applicationName: 'runcible-certification',
        });
        // a closed pool reports zeros, so the source need not be removed on shutdown
        instrumentPool(db.pool, 'certification');
        return db;
      },
    },
    {
      provide: KeyStore,
      inject: [AUDIT_DB],
      useFactory: async (db: AuditDatabase) => {
        const keys = new KeyStore(db, new LocalKeyEncryption(config.keyEncryptionKey), {
          certificateAlgorithm: config.CERTIFICATE_ALGORITHM,
          logOrigin: config.LOG_ORIGIN,
          externalTsa: config.externalTsa,
          witnessUrls: config.WITNESS_URLS,
        });
        await keys.initialize();
        return keys;
      },
    },
    {
      provide: TransparencyLog,
      inject: [AUDIT_DB, KeyStore],
      useFactory: (db: AuditDatabase, keys: KeyStore) =>
        new TransparencyLog(db, keys, config.LOG_ORIGIN, new WitnessClient(db, config.WITNESS_URLS)),
    },
    { provide: StatusPublisher, useFactory: () => new StatusPublisher(config.realtime) },
    {
      provide: CertificationsService,
      inject: [AUDIT_DB, KeyStore, TransparencyLog, SubjectKeys, SubjectErasure, StatusPublisher],
      useFactory: (
        db: AuditDatabase,
        keys: KeyStore,
        log: TransparencyLog,
        subjects: SubjectKeys,
        erasure: SubjectErasure,
        publisher: StatusPublisher,
      ) =>
        new CertificationsService(
          db,
          keys,
          log,
          {
            origin: config.LOG_ORIGIN,
            batchMax: config.CERTIFY_BATCH_MAX,
          },
          subjects,
          erasure,
          publisher,
        ),
    },
    {
      provide: PoliciesService,
      inject: [AUDIT_DB],
      useFactory: (db: AuditDatabase) => new PoliciesService(db),
    },
    {
      provide: SubjectKeys,
      inject: [AUDIT_DB],
      useFactory: (db: AuditDatabase) => new SubjectKeys(db, new LocalKeyEncryption(config.keyEncryptionKey)),
    },
    {
      provide: SubjectErasure,
      inject: [AUDIT_DB, TransparencyLog],
      useFactory: (db: AuditDatabase, log: TransparencyLog) => new SubjectErasure(db, log),
    },
    {
      provide: AuditEventsService,
      inject: [AUDIT_DB, TransparencyLog, SubjectKeys],
      useFactory: (db: AuditDatabase, log: TransparencyLog, subjects: SubjectKeys) =>
        new AuditEventsService(db, log, subjects),
    },
  ];
}

@Module({})
export class CertificationModule {
  static forRoot(config: CertificationConfig): DynamicModule {
    return {
      module: CertificationModule,
      imports: [
        DiscoveryModule,
        LoggingModule,
        BullModule.forRoot({ connection: redisConnection(config.REDIS_URL), prefix: config.BULLMQ_PREFIX }),
        BullModule.registerQueue({ name: CERTIFICATION_MAINTENANCE_QUEUE }),
        {
          module: class CertificationCoreModule {},
          global: true,
          providers: [
            ...certificationProviders(config),
            {
              provide: REDIS,
              useFactory: () =>
                new Redis(config.REDIS_URL, {
                  maxRetriesPerRequest: 1,
                  connectTimeout: 2000,
                  lazyConnect: false,
                }),
            },
          ],
          exports: [
            AUDIT_DB,
            REDIS,
            KeyStore,
            TransparencyLog,
            CertificationsService,
            PoliciesService,
            AuditEventsService,
            SubjectKeys,
            SubjectErasure,
            StatusPublisher,
            CERTIFICATION_CONFIG,
          ],
        },
        HealthModule.forRoot({
          inject: [AUDIT_DB, REDIS],
          useFactory: (db: AuditDatabase, redis: Redis) => [
            { name: 'postgres', check: async () => void (await db.query('SELECT 1')) },
            { name: 'redis', check: async () => void (await redis.ping()) },
          ],
        }),
      ],
      controllers: [
        CertificationsController,
        PoliciesController,
        LogController,
        AuditEventsController,
        SubjectsController,
        StatusFeedController,
      ],
      providers: [
        {
          provide: LogScheduler,
          inject: [AUDIT_DB, TransparencyLog, CertificationsService, KeyStore],
          useFactory: (
            db: AuditDatabase,
            log: TransparencyLog,
            certs: CertificationsService,
            keys: KeyStore,
          ) => new LogScheduler(db, log, certs, keys, config.CHECKPOINT_INTERVAL_SECONDS),
        },
        Lifecycle,
        CertificationMaintenanceProcessor,
        { provide: AUTHORIZER, useValue: new RolePermissions() },
        {
          provide: ACCESS_TOKEN_VERIFIER,
          inject: [REDIS],
          useFactory: (redis: Redis) =>
            new AccessTokenVerifier({
              issuer: config.issuer,
              audience: config.CERTIFICATION_AUDIENCE,
              keys: createRemoteJWKSet(new URL(config.jwksUrl)),
              revocation: new RevocationList(redis, 24 * 3600),
            }),
        },
        AccessTokenStrategy,
        { provide: APP_GUARD, useClass: AuthenticationGuard },
        // Idempotency-Key on every POST (docs/API.md): the response is stored in the audit database
        // (table idempotency_keys, outside the log) in the transaction that commits the write
        {
          provide: IdempotencyStore,
          inject: [AUDIT_DB],
          // insert-only: the service's role may not UPDATE; the database drops expired records itself
          useFactory: (db: AuditDatabase) => new IdempotencyStore(sqlOn(db), { insertOnly: true }),
        },
        {
          provide: IDEMPOTENT_WRITE_TRANSACTION,
          inject: [AUDIT_DB],
          useFactory: (db: AuditDatabase): WriteTransaction => ({
            run: (work) => db.transaction(() => work()),
          }),
        },
        IdempotencyInterceptor,
      ],
    };
  }
}
