import './instrument';
import 'reflect-metadata';
import { listen, loadConfigOrExit, preflight } from '@oversing/platform';
import { apiConfigSchema, resolveApiConfig } from './api.config';
import { createApiApp } from './api-app';

async function main(): Promise<void> {
  const config = resolveApiConfig(loadConfigOrExit(apiConfigSchema, 'api'));
  await preflight('api', { postgres: { primary: config.DATABASE_URL }, redis: config.REDIS_URL });
  const app = await createApiApp(config);
  const url = await listen(app, config.PORT, config.HOST);
  process.stdout.write(`api listening on ${url}\n`);
}

void main();
