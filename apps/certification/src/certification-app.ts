import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp, IdempotencyInterceptor } from '@oversing/platform';
import { CertificationConfig } from './certification.config';
import { CertificationModule } from './certification.module';

export const CERTIFICATION_OPENAPI = {
  title: 'Runcible certification service',
  description:
    'Governance policies, signed certificates of LLM outputs, verification, revocation and a transparency log. ' +
    'Responses use the {data, meta, links} envelope.',
  version: '1',
};

/** Builds the certification service (used by main.ts, the tests and the OpenAPI generator). */
export function createCertificationApp(config: CertificationConfig): Promise<NestFastifyApplication> {
  return createHttpApp(CertificationModule.forRoot(config), {
    name: 'certification',
    logLevel: config.LOG_LEVEL,
    tls: { certFile: config.TLS_CERT_FILE, keyFile: config.TLS_KEY_FILE },
    corsOrigins: config.CORS_ORIGINS,
    trustProxy: config.TRUST_PROXY,
    openapi: CERTIFICATION_OPENAPI,
    innerInterceptors: (nest) => [nest.get(IdempotencyInterceptor)],
    // audit events nest the API's bodies (at most 64 levels) a few levels deeper
    maxJsonDepth: 96,
    configureFastify: (fastify) => {
      fastify.addHook('onRoute', (route) => {
        const methods = Array.isArray(route.method) ? route.method : [route.method];
        if (route.url === '/api/v1/audit-events' && methods.includes('POST')) {
          route.bodyLimit = config.AUDIT_INGEST_BODY_LIMIT_BYTES;
        }
      });
    },
  });
}
