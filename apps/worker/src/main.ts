import './instrument';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfigOrExit } from '@oversing/platform';
import { startMetricsServer } from './metrics-server';
import { workerConfigSchema } from './worker.config';
import { WorkerModule } from './worker.module';

/** The worker process: queue processors in a Nest application context, /metrics on METRICS_PORT. */
async function main(): Promise<void> {
  const config = loadConfigOrExit(workerConfigSchema, 'worker');
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: config.LOG_LEVEL === 'silent' ? false : ['log', 'warn', 'error'],
  });
  app.enableShutdownHooks();
  const metrics = await startMetricsServer(config.METRICS_PORT);
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
