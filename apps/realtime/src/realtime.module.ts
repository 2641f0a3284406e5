import {
  BeforeApplicationShutdown,
  DynamicModule,
  Inject,
  Injectable,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Redis } from 'ioredis';
import { Pool } from 'pg';
import {
  drainState,
  HealthModule,
  instrumentPool,
  LocalKeyEncryption,
  LoggingModule,
  OutboundFetch,
  realtimeQueuePrefix,
} from '@oversing/platform';
import { AppRegistry, RealtimeAppRepository } from './apps/app-registry';
import { RedisClusterState } from './cluster/redis-cluster-state';
import { WebSocketGateway } from './gateway/websocket-gateway';
import { HttpApiController } from './http/http-api.controller';
import { HttpApiService } from './http/http-api.service';
import { RealtimeMetrics } from './protocol/realtime-metrics';
import { RealtimeServer } from './protocol/realtime-server';
import { WebhookDispatcher } from './webhooks/webhook-dispatcher';
import { REALTIME_CONFIG } from './realtime.config';
import type { RealtimeConfig } from './realtime.config';

export const REDIS = Symbol('REDIS');
export const REDIS_SUBSCRIBER = Symbol('REDIS_SUBSCRIBER');
export const REDIS_QUEUE = Symbol('REDIS_QUEUE');
export const REDIS_WORKER = Symbol('REDIS_WORKER');

/** Starts the apps cache, the bus and the idle sweeper; drains and closes everything on shutdown. */
@Injectable()
class RealtimeLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private sweeper: NodeJS.Timeout | undefined;

  constructor(
    @Inject(REALTIME_CONFIG) private readonly config: RealtimeConfig,
    @Inject(AppRegistry) private readonly registry: AppRegistry,
    @Inject(RealtimeServer) private readonly server: RealtimeServer,
    @Inject(WebSocketGateway) private readonly gateway: WebSocketGateway,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(REDIS_SUBSCRIBER) private readonly subscriber: Redis,
    @Inject(Pool) private readonly pool: Pool,
    @Inject(WebhookDispatcher) private readonly webhooks: WebhookDispatcher,
    @Inject(REDIS_QUEUE) private readonly queueRedis: Redis,
    @Inject(REDIS_WORKER) private readonly workerRedis: Redis,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.registry.start();
    await this.server.start();
    this.webhooks.start();
    const interval = Math.max(250, Math.min(5000, (this.config.PONG_TIMEOUT_SECONDS * 1000) / 4));
    this.sweeper = setInterval(() => this.server.sweep(), interval);
    this.sweeper.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    drainState.draining = true;
    if (this.sweeper) clearInterval(this.sweeper);
    await this.server.drain();
    const deadline = Date.now() + this.config.DRAIN_SECONDS * 1000;
    while (this.gateway.clientCount > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    this.gateway.terminateAll();
  }

  async onApplicationShutdown(): Promise<void> {
    this.registry.stop();
    await this.webhooks.stop().catch(() => undefined);
    this.queueRedis.disconnect();
    this.workerRedis.disconnect();
    this.subscriber.disconnect();
    this.redis.disconnect();
    await this.pool.end().catch(() => undefined);
  }
}

@Module({})
export class RealtimeModule {
  static forRoot(config: RealtimeConfig): DynamicModule {
    return {
      module: RealtimeModule,
      imports: [
        {
          module: class RealtimeInfrastructureModule {},
          global: true,
          providers: [
            { provide: REALTIME_CONFIG, useValue: config },
            {
              provide: Pool,
              useFactory: () => {
                const pool = new Pool({
                  connectionString: config.DATABASE_URL,
                  max: config.DATABASE_POOL_SIZE,
                  application_name: 'oversing-realtime',
                });
                instrumentPool(pool, 'realtime');
                return pool;
              },
            },
            { provide: REDIS, useFactory: () => new Redis(config.REDIS_URL, { maxRetriesPerRequest: 2 }) },
            {
              provide: REDIS_SUBSCRIBER,
              useFactory: () => new Redis(config.REDIS_URL, { maxRetriesPerRequest: null }),
            },
            {
              provide: REDIS_QUEUE,
              useFactory: () => new Redis(config.REDIS_URL, { maxRetriesPerRequest: null }),
            },
            {
              provide: REDIS_WORKER,
              useFactory: () => new Redis(config.REDIS_URL, { maxRetriesPerRequest: null }),
            },
          ],
          exports: [REALTIME_CONFIG, Pool, REDIS, REDIS_SUBSCRIBER, REDIS_QUEUE, REDIS_WORKER],
        },
        DiscoveryModule,
        LoggingModule,
        HealthModule.forRoot({
          inject: [Pool, REDIS],
          useFactory: (pool: Pool, redis: Redis) => [
            { name: 'postgres', check: async () => void (await pool.query('SELECT 1')) },
            { name: 'redis', check: async () => void (await redis.ping()) },
          ],
        }),
      ],
      controllers: [HttpApiController],
      providers: [
        {
          provide: RedisClusterState,
          inject: [REDIS, REDIS_SUBSCRIBER],
          useFactory: (redis: Redis, subscriber: Redis) =>
            new RedisClusterState(redis, subscriber, config.REDIS_PREFIX),
        },
        {
          provide: AppRegistry,
          inject: [Pool],
          useFactory: (pool: Pool) =>
            new AppRegistry(
              new RealtimeAppRepository(pool, new LocalKeyEncryption(config.keyEncryptionKey)),
              config.APPS_REFRESH_SECONDS,
            ),
        },
        { provide: RealtimeMetrics, useFactory: () => new RealtimeMetrics() },
        {
          provide: WebhookDispatcher,
          inject: [REDIS_QUEUE, REDIS_WORKER, AppRegistry, RedisClusterState],
          useFactory: (queue: Redis, worker: Redis, apps: AppRegistry, cluster: RedisClusterState) =>
            new WebhookDispatcher(queue, worker, realtimeQueuePrefix(config.REDIS_PREFIX), apps, cluster, {
              delayMs: config.WEBHOOK_DELAY_SECONDS * 1000,
              attempts: config.WEBHOOK_ATTEMPTS,
              backoffMs: config.WEBHOOK_BACKOFF_MS,
              timeoutMs: config.WEBHOOK_TIMEOUT_MS,
              outbound: new OutboundFetch(config.OUTBOUND_ALLOWLIST),
            }),
        },
        {
          provide: RealtimeServer,
          inject: [AppRegistry, RedisClusterState, RealtimeMetrics, WebhookDispatcher],
          useFactory: (
            apps: AppRegistry,
            cluster: RedisClusterState,
            metrics: RealtimeMetrics,
            webhooks: WebhookDispatcher,
          ) =>
            new RealtimeServer(
              apps,
              cluster,
              metrics,
              {
                activityTimeoutSeconds: config.ACTIVITY_TIMEOUT_SECONDS,
                pongTimeoutSeconds: config.PONG_TIMEOUT_SECONDS,
                maxMessageBytes: config.MAX_MESSAGE_BYTES,
                maxPresenceMembers: 100,
                maxSubscriptionsPerConnection: config.MAX_SUBSCRIPTIONS_PER_CONNECTION,
                maxBufferedBytes: config.MAX_BUFFERED_BYTES,
              },
              webhooks,
            ),
        },
        {
          provide: WebSocketGateway,
          inject: [RealtimeServer],
          useFactory: (server: RealtimeServer) => new WebSocketGateway(server, config.MAX_MESSAGE_BYTES),
        },
        {
          provide: HttpApiService,
          inject: [AppRegistry, RealtimeServer, RedisClusterState],
          useFactory: (apps: AppRegistry, server: RealtimeServer, cluster: RedisClusterState) =>
            new HttpApiService(apps, server, cluster),
        },
        RealtimeLifecycle,
      ],
    };
  }
}
