import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import {
  instrumentPool,
  KEY_ENCRYPTION,
  LocalKeyEncryption,
  RevocationList,
  UnitOfWork,
} from '@oversing/platform';
import { API_CONFIG, ApiConfig } from '../api.config';
import { createApiDataSource } from './api-data-source';
import { Clock, SystemClock } from './clock';

export const REDIS = Symbol('REDIS');

/** The outside world of the API: database pool, Redis, clock, key encryption, revocation list. */
@Global()
@Module({
  providers: [
    {
      provide: DataSource,
      inject: [API_CONFIG],
      useFactory: async (config: ApiConfig) => {
        const dataSource = await createApiDataSource(
          config.DATABASE_URL,
          config.DATABASE_POOL_SIZE,
        ).initialize();
        // a destroyed DataSource reports zeros, so the source need not be removed on shutdown
        instrumentPool(dataSource, 'api');
        return dataSource;
      },
    },
    { provide: UnitOfWork, inject: [DataSource], useFactory: (ds: DataSource) => new UnitOfWork(ds) },
    {
      provide: REDIS,
      inject: [API_CONFIG],
      useFactory: (config: ApiConfig) =>
        new Redis(config.REDIS_URL, { maxRetriesPerRequest: 2, enableOfflineQueue: true }),
    },
    { provide: Clock, useClass: SystemClock },
    {
      provide: KEY_ENCRYPTION,
      inject: [API_CONFIG],
      useFactory: (c: ApiConfig) => new LocalKeyEncryption(c.keyEncryptionKey),
    },
    {
      provide: RevocationList,
      inject: [REDIS, API_CONFIG],
      useFactory: (redis: Redis, c: ApiConfig) => new RevocationList(redis, c.ACCESS_TOKEN_TTL_SECONDS + 60),
    },
  ],
  exports: [DataSource, UnitOfWork, REDIS, Clock, KEY_ENCRYPTION, RevocationList],
})
export class InfrastructureModule implements OnApplicationShutdown {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.dataSource.destroy().catch(() => undefined);
    this.redis.disconnect();
  }
}
