import 'reflect-metadata';
import { createServer } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { loadConfigOrExit, metricsRegistry } from '@oversing/platform';
import { workerConfigSchema } from './worker.config';
import { WorkerModule } from './worker.module';

/** The worker process: queue processors in a Nest application context, /metrics on METRICS_PORT. */
async function main(): Promise<void> {
  const config = loadConfigOrExit(workerConfigSchema, 'worker');
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: config.LOG_LEVEL === 'silent' ? false : ['log', 'warn', 'error'],
  });
  app.enableShutdownHooks();
  const metrics = createServer((request, response) => {
    if (request.url === '/metrics') {
      void metricsRegistry()
        .metrics()
        .then((body) => {
          response.writeHead(200, { 'content-type': metricsRegistry().contentType });
          response.end(body);
        });
    } else if (request.url === '/health/live' || request.url === '/health/ready') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"status":"ok"}');
    } else {
      response.writeHead(404).end();
    }
  });
  metrics.listen(config.METRICS_PORT, '0.0.0.0');
  app.get(WorkerModule);
  process.stdout.write(`${JSON.stringify({ msg: 'worker started', metrics_port: config.METRICS_PORT })}\n`);
  const stop = (): void => {
    metrics.close();
    void app.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
