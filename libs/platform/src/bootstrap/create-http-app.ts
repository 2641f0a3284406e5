import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { DynamicModule, INestApplication, NestInterceptor, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import helmet from '@fastify/helmet';
import cors from '@fastify/cors';
import { Logger } from 'nestjs-pino';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { RequestContext } from '../context/request-context';
import { HttpExceptionFilter, sendError, toErrorResponse } from '../errors/http-exception.filter';
import { registerInputBoundary } from '../http/input-boundary';
import { EnvelopeInterceptor } from '../http/envelope';
import { createValidationPipe } from '../http/validation.pipe';
import { instrumentHttp } from '../metrics/metrics';
import { assertEveryRouteIsMarked } from '../auth/route-markers';
import { drainState } from '../health/health.controller';

export interface HttpAppOptions {
  /** short process name used in logs and metrics (api, certification, realtime) */
  name: string;
  logLevel: string;
  tls?: { certFile?: string; keyFile?: string };
  corsOrigins: string[];
  trustProxy?: boolean;
  bodyLimitBytes?: number;
  /** deepest JSON nesting a request may carry (default 64) */
  maxJsonDepth?: number;
  openapi?: { title: string; description: string; version: string };
  /** extra CSP sources, e.g. the API's own origin for the login page form */
  cspConnectSrc?: string[];
  /** called with the raw Fastify instance before Nest registers its routes */
  configureFastify?: (fastify: FastifyInstance) => Promise<void> | void;
  /** called once the Nest container exists, before routes are initialised (mount non-Nest handlers here) */
  beforeInit?: (app: NestFastifyApplication, fastify: FastifyInstance) => Promise<void> | void;
  /**
   * Interceptors that run inside the response envelope, closest to the handler (they see the handler's
   * return value, e.g. the Idempotency-Key interceptor), taken from the Nest container.
   */
  innerInterceptors?: (app: NestFastifyApplication) => NestInterceptor[];
}

/** pino options shared by every process: JSON logs, request ids, secrets redacted. */
export function loggerOptions(name: string, level: string): Record<string, unknown> {
  return {
    level,
    base: { app: name },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        '*.password',
        '*.client_secret',
      ],
      censor: '[redacted]',
    },
  };
}

/**
 * Creates a NestJS app on Fastify with the platform conventions every service shares: request ids in
 * pino logs, a request context, helmet, CORS allowlist, the error envelope, validation, the response
 * envelope, metrics, OpenAPI, optional in-process TLS 1.3, and a refusal to boot with an unguarded route.
 */
export async function createHttpApp(
  module: Type<unknown> | DynamicModule,
  options: HttpAppOptions,
): Promise<NestFastifyApplication> {
  const https =
    options.tls?.certFile && options.tls.keyFile
      ? {
          cert: readFileSync(options.tls.certFile),
          key: readFileSync(options.tls.keyFile),
          minVersion: 'TLSv1.3' as const,
        }
      : undefined;
  const adapter = new FastifyAdapter({
    logger: loggerOptions(options.name, options.logLevel),
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    trustProxy: options.trustProxy ?? false,
    bodyLimit: options.bodyLimitBytes ?? 1024 * 1024,
    // the router's own refusals (malformed percent-encoding, an over-long path parameter) in the envelope
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) =>
      sendError(reply, toErrorResponse(error, String(request.id)), String(request.id)),
    ...(https ? { https } : {}),
  } as ConstructorParameters<typeof FastifyAdapter>[0]);

  const fastify = adapter.getInstance() as unknown as FastifyInstance;
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    RequestContext.run(
      { requestId: String(request.id), ip: request.ip, userAgent: request.headers['user-agent'] },
      done,
    );
  });
  await fastify.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", ...(options.cspConnectSrc ?? [])],
      },
    },
    hsts: { maxAge: 31536000, includeSubDomains: true },
    crossOriginEmbedderPolicy: false,
  });
  await fastify.register(cors, {
    origin: (origin, callback) =>
      callback(null, !origin || options.corsOrigins.includes(origin) || options.corsOrigins.includes('*')),
    credentials: true,
    // @fastify/cors allows only GET, HEAD and POST by default: the PWA also edits and deletes
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    exposedHeaders: ['etag', 'x-request-id', 'retry-after', 'location'],
    allowedHeaders: [
      'authorization',
      'dpop',
      'content-type',
      'if-match',
      'x-request-id',
      'idempotency-key',
      'x-socket-id',
    ],
  });
  instrumentHttp(fastify, options.name);
  registerInputBoundary(fastify, { maxJsonDepth: options.maxJsonDepth });
  // a response to a request carrying credentials is that caller's: no shared or browser cache may keep it
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (request.headers.authorization && !reply.hasHeader('cache-control')) {
      void reply.header('cache-control', 'no-store');
    }
    done(null, payload);
  });
  await options.configureFastify?.(fastify);

  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.useGlobalFilters(new HttpExceptionFilter());
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalInterceptors(new EnvelopeInterceptor(), ...(options.innerInterceptors?.(app) ?? []));
  app.enableShutdownHooks();
  await options.beforeInit?.(app, fastify);
  if (options.openapi) mountOpenApi(app, options.openapi);
  await app.init();
  assertEveryRouteIsMarked(app);
  return app;
}

export function buildOpenApiDocument(
  app: INestApplication,
  info: { title: string; description: string; version: string },
): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(info.title)
    .setDescription(info.description)
    .setVersion(info.version)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  return SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}`,
  });
}

function mountOpenApi(
  app: NestFastifyApplication,
  info: { title: string; description: string; version: string },
): void {
  const document = buildOpenApiDocument(app, info);
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/openapi.json',
    yamlDocumentUrl: 'api/openapi.yaml',
  });
}

/** Listens, prints the URL, and on SIGTERM/SIGINT marks the process draining before Nest closes it. */
export async function listen(app: NestFastifyApplication, port: number, host = '0.0.0.0'): Promise<string> {
  await app.listen(port, host);
  const onSignal = (): void => {
    drainState.draining = true;
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  return app.getUrl();
}
