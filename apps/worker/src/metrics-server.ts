import { createServer, Server } from 'node:http';
import { metricsRegistry } from '@oversing/platform';

/** The worker has no HTTP API: this serves `/metrics` and `/health/live|ready` for Prometheus and probes. */
export function startMetricsServer(port: number, host = '0.0.0.0'): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.url === '/metrics') {
      metricsRegistry()
        .metrics()
        .then((body) => {
          response.writeHead(200, { 'content-type': metricsRegistry().contentType });
          response.end(body);
        })
        .catch(() => response.writeHead(500).end());
    } else if (request.url === '/health/live' || request.url === '/health/ready') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"status":"ok"}');
    } else {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}
