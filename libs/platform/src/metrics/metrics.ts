import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Histogram, register, Registry } from 'prom-client';

let defaultsCollected = false;

/** The process-wide Prometheus registry, with Node's default metrics collected once. */
export function metricsRegistry(): Registry {
  if (!defaultsCollected) {
    collectDefaultMetrics({ register });
    defaultsCollected = true;
  }
  return register;
}

/** Returns the metric of that name if it is registered already, else creates it (safe across app restarts in tests). */
export function getOrCreate<T>(name: string, create: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}

/**
 * Records `http_request_duration_seconds{method,route,status_code}` for every request, labelled by the
 * route pattern (never the raw URL, to keep cardinality bounded), and serves `GET /metrics`.
 */
export function instrumentHttp(fastify: FastifyInstance, app: string): void {
  const registry = metricsRegistry();
  const histogram = getOrCreate(
    'http_request_duration_seconds',
    () =>
      new Histogram({
        name: 'http_request_duration_seconds',
        help: 'HTTP request duration in seconds by route and status',
        labelNames: ['app', 'method', 'route', 'status_code'],
        buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
        registers: [registry],
      }),
  );
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions?.url ?? 'unmatched';
    if (route !== '/metrics') {
      histogram.observe(
        { app, method: request.method, route, status_code: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
    }
    done();
  });
  fastify.get('/metrics', async (_request, reply) => {
    void reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
}
