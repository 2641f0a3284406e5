/**
 * Serves the built PWA (apps/web/dist) on WEB_PORT (default 4173): hashed assets cached for a year as
 * immutable, index.html, sw.js and the manifest revalidated on every load (so a deploy reaches users), the
 * build's precompressed Brotli or gzip files when the browser accepts them, a SPA fallback to index.html
 * for paths without an extension, /web-config.json telling the app where the API is (PUBLIC_API_URL), and
 * /health/live; source maps are never served; every response carries the PWA's Content-Security-Policy,
 * whose connect-src names the services the app talks to. Environment: WEB_PORT, HOST, WEB_ROOT,
 * PUBLIC_API_URL, PUBLIC_CERTIFICATION_URL, PUBLIC_REALTIME_HOST / _PORT / _SCHEME.
 */
import { existsSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { type ConnectTargets, contentSecurityPolicy } from './content-security-policy';

export interface WebServerOptions extends ConnectTargets {
  root: string;
  logLevel?: string;
}

export async function createWebServer(options: WebServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: options.logLevel ?? 'info', base: { app: 'web' } },
    requestIdHeader: 'x-request-id',
  });

  const csp = contentSecurityPolicy(options);
  app.addHook('onSend', async (_request, reply) => {
    reply.header('content-security-policy', csp);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'strict-origin-when-cross-origin');
    reply.header('x-frame-options', 'DENY');
  });

  await app.register(fastifyStatic, {
    root: options.root,
    index: 'index.html',
    wildcard: true,
    dotfiles: 'ignore',
    // source maps stay on the build machine: the served app is not an index of its own source
    allowedPath: (pathName: string) => !pathName.endsWith('.map'),
    // the build writes .br and .gz next to each text asset (apps/web/vite.config.ts)
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply, path) => {
      const hashed = path.includes(`${resolve(options.root, 'assets')}`);
      reply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      if (path.endsWith('.webmanifest')) reply.header('content-type', 'application/manifest+json');
      if (path.endsWith('sw.js')) reply.header('service-worker-allowed', '/');
    },
  });

  app.get('/health/live', async () => ({ status: 'ok' }));
  app.get('/web-config.json', async (_request, reply) => {
    reply.header('cache-control', 'no-cache');
    return { api_url: options.apiUrl };
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0];
    if ((request.method === 'GET' || request.method === 'HEAD') && extname(path) === '') {
      reply.header('cache-control', 'no-cache');
      return reply.sendFile('index.html');
    }
    return reply.code(404).send({ error: { code: 'NOT_FOUND', message: 'Not found', details: [] } });
  });

  return app;
}

async function main(): Promise<void> {
  const root = resolve(process.env.WEB_ROOT ?? 'apps/web/dist');
  const port = Number(process.env.WEB_PORT ?? 4173);
  const host = process.env.HOST ?? '0.0.0.0';
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    process.stderr.write(`WEB_PORT must be a port number, not "${process.env.WEB_PORT}"\n`);
    process.exit(1);
  }
  if (!existsSync(resolve(root, 'index.html'))) {
    process.stderr.write(`${root}/index.html is missing: run npm run build:web first\n`);
    process.exit(1);
  }
  const scheme = process.env.PUBLIC_REALTIME_SCHEME === 'wss' ? 'wss' : 'ws';
  const app = await createWebServer({
    root,
    apiUrl: process.env.PUBLIC_API_URL ?? 'http://localhost:3000',
    certificationUrl: process.env.PUBLIC_CERTIFICATION_URL ?? 'http://localhost:3100',
    realtime: {
      host: process.env.PUBLIC_REALTIME_HOST ?? 'localhost',
      port: Number(process.env.PUBLIC_REALTIME_PORT ?? 6001),
      scheme,
    },
    logLevel: process.env.LOG_LEVEL,
  });
  await app.listen({ port, host });
  const stop = () => void app.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) void main();
