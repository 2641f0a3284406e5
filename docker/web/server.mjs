// Serves the built PWA (apps/web/dist, copied to WEB_ROOT) in the web image.
// - static files through @fastify/static (no hand-written path handling), hashed assets cached for a year,
//   everything else (index.html, the service worker, the manifest) revalidated on every load so a deploy
//   reaches users;
// - SPA fallback: a GET/HEAD for a path without a file extension that matches no file gets index.html,
//   so deep links such as /programs/42 work; a missing /assets/x.js stays a 404;
// - GET /health/live, /health/ready (ready once index.html exists) and /metrics (Prometheus, the same
//   http_request_duration_seconds{app,method,route,status_code} series the other processes expose).
// Environment: PORT (default 4173), HOST (default 0.0.0.0), WEB_ROOT (default ./public), LOG_LEVEL,
// WEB_CONTENT_SECURITY_POLICY (optional; sent as Content-Security-Policy when set).
import { existsSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import Fastify from 'fastify';
import fastifyStatic from '@fastify/static';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

const root = resolve(process.env.WEB_ROOT ?? 'public');
const port = Number(process.env.PORT ?? 4173);
const host = process.env.HOST ?? '0.0.0.0';
const contentSecurityPolicy = process.env.WEB_CONTENT_SECURITY_POLICY;

const registry = new Registry();
collectDefaultMetrics({ register: registry });
const duration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP request duration in seconds by route and status',
  labelNames: ['app', 'method', 'route', 'status_code'],
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [registry],
});

const app = Fastify({
  logger: { level: process.env.LOG_LEVEL ?? 'info', base: { app: 'web' } },
  requestIdHeader: 'x-request-id',
  disableRequestLogging: true,
});

app.addHook('onSend', async (_request, reply) => {
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'strict-origin-when-cross-origin');
  reply.header('x-frame-options', 'DENY');
  if (contentSecurityPolicy) reply.header('content-security-policy', contentSecurityPolicy);
});

app.addHook('onResponse', async (request, reply) => {
  const route = request.routeOptions?.url ?? 'unmatched';
  if (route === '/metrics') return;
  duration.observe(
    { app: 'web', method: request.method, route, status_code: String(reply.statusCode) },
    reply.elapsedTime / 1000,
  );
});

await app.register(fastifyStatic, {
  root,
  wildcard: true,
  index: 'index.html',
  dotfiles: 'ignore',
  cacheControl: false,
  setHeaders(reply, path) {
    const immutable = path.startsWith(join(root, 'assets') + '/');
    reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  },
});

app.get('/health/live', async () => ({ status: 'ok' }));
app.get('/health/ready', async (_request, reply) => {
  const ready = existsSync(join(root, 'index.html'));
  reply.code(ready ? 200 : 503);
  return {
    status: ready ? 'ok' : 'unavailable',
    checks: [{ name: 'index.html', status: ready ? 'up' : 'down' }],
  };
});
app.get('/metrics', async (_request, reply) => {
  reply.header('content-type', registry.contentType);
  return registry.metrics();
});

app.setNotFoundHandler(async (request, reply) => {
  const path = request.url.split('?')[0] ?? '/';
  const isPage = (request.method === 'GET' || request.method === 'HEAD') && extname(path) === '';
  if (isPage && existsSync(join(root, 'index.html'))) {
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  }
  return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, () => {
    app.log.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

await app.listen({ port, host });
