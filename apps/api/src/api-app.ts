import { NestFastifyApplication } from '@nestjs/platform-fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import { Redis } from 'ioredis';
import { AppException, createHttpApp, IdempotencyInterceptor } from '@oversing/platform';
import { mountQueueDashboard } from './admin/queue-dashboard-http';
import { QueueDashboardSessionService } from './admin/queue-dashboard-session.service';
import { SystemQueues } from './admin/system-queues';
import { ApiConfig } from './api.config';
import { AppModule } from './app.module';
import { REDIS } from './infrastructure/infrastructure.module';
import { mountOAuth } from './oauth/oauth-http';
import { JwtTokenEndpoints } from './oauth/jwt-token-endpoints';
import { OIDC_PROVIDER } from './oauth/oidc-provider.factory';

/** Builds the API application (used by main.ts, the tests and the OpenAPI generator). */
export async function createApiApp(config: ApiConfig): Promise<NestFastifyApplication> {
  const rateLimitRedis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1, connectTimeout: 2000 });
  const app = await createHttpApp(AppModule.forRoot(config), {
    name: 'api',
    logLevel: config.LOG_LEVEL,
    tls: { certFile: config.TLS_CERT_FILE, keyFile: config.TLS_KEY_FILE },
    corsOrigins: config.CORS_ORIGINS,
    trustProxy: config.TRUST_PROXY,
    openapi: {
      title: 'Oversing API',
      description:
        'Programs, tasks, workflows, time, money and identity. Responses use the {data, meta, links} envelope.',
      version: '1',
    },
    innerInterceptors: (nest) => [nest.get(IdempotencyInterceptor)],
    configureFastify: async (fastify) => {
      await fastify.register(cookie, { secret: config.cookieSecret });
      await fastify.register(rateLimit, {
        global: false,
        redis: rateLimitRedis,
        nameSpace: config.RATE_LIMIT_PREFIX,
        // thrown: the error filter turns it into the 429 envelope (the plugin sets retry-after itself)
        errorResponseBuilder: (_request, context) =>
          AppException.rateLimited(
            Math.ceil(context.ttl / 1000),
            `Too many requests; retry in ${Math.ceil(context.ttl / 1000)} s`,
          ),
      });
      fastify.addHook('onClose', async () => rateLimitRedis.disconnect());
    },
    beforeInit: async (nest, fastify) => {
      mountOAuth(fastify, {
        provider: nest.get(OIDC_PROVIDER),
        jwtEndpoints: nest.get(JwtTokenEndpoints),
        redis: nest.get<Redis>(REDIS),
        tokenRequestsPerMinute: config.TOKEN_REQUESTS_PER_MINUTE,
      });
      await mountQueueDashboard(fastify, {
        queues: nest.get(SystemQueues),
        sessions: nest.get(QueueDashboardSessionService),
      });
    },
  });
  return app;
}
