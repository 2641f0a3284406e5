import type { Server } from 'node:http';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp } from '@oversing/platform';
import { WebSocketGateway } from './gateway/websocket-gateway';
import { RealtimeConfig } from './realtime.config';
import { RealtimeModule } from './realtime.module';

/** Builds the realtime server: the Pusher HTTP API, health and metrics on Fastify, WebSockets on /app/{key}. */
export async function createRealtimeApp(config: RealtimeConfig): Promise<NestFastifyApplication> {
  return createHttpApp(RealtimeModule.forRoot(config), {
    name: 'realtime',
    logLevel: config.LOG_LEVEL,
    tls: { certFile: config.TLS_CERT_FILE, keyFile: config.TLS_KEY_FILE },
    corsOrigins: config.CORS_ORIGINS,
    trustProxy: config.TRUST_PROXY,
    bodyLimitBytes: 256 * 1024,
    beforeInit: (nest) => {
      // Keep the raw JSON body (parsed by the HTTP API): the signature covers body_md5 of exactly these bytes.
      nest.useBodyParser('application/json', { bodyLimit: 256 * 1024 }, (request, body, done) => {
        (request as unknown as { rawBody: Buffer }).rawBody = body;
        done(null, {});
      });
      nest.get(WebSocketGateway).attach(nest.getHttpServer() as Server);
    },
  });
}
