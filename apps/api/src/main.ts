import 'reflect-metadata';
import { describeConnectionError, listen, loadConfigOrExit } from '@oversing/platform';
import { apiConfigSchema, resolveApiConfig } from './api.config';
import { createApiApp } from './api-app';

async function main(): Promise<void> {
  const config = resolveApiConfig(loadConfigOrExit(apiConfigSchema, 'api'));
  try {
    const app = await createApiApp(config);
    const url = await listen(app, config.PORT, config.HOST);
    process.stdout.write(`api listening on ${url}\n`);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ECONNREFUSED' || code === '3D000' || code === '28P01') {
      process.stderr.write(
        `api: ${describeConnectionError('PostgreSQL or Redis', config.DATABASE_URL, error)}\n`,
      );
      process.exit(1);
    }
    throw error;
  }
}

void main();
