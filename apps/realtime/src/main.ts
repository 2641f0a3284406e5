import './instrument';
import 'reflect-metadata';
import { describeConnectionError, listen, loadConfigOrExit } from '@oversing/platform';
import { createRealtimeApp } from './realtime-app';
import { realtimeConfigSchema, resolveRealtimeConfig } from './realtime.config';

async function main(): Promise<void> {
  const config = resolveRealtimeConfig(loadConfigOrExit(realtimeConfigSchema, 'realtime'));
  try {
    const app = await createRealtimeApp(config);
    const url = await listen(app, config.PORT, config.HOST);
    process.stdout.write(
      `realtime listening on ${url} (WebSocket ${url.replace(/^http/, 'ws')}/app/{key})\n`,
    );
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ECONNREFUSED' || code === '3D000' || code === '28P01' || code === '42P01') {
      process.stderr.write(
        `realtime: ${describeConnectionError('PostgreSQL or Redis', config.DATABASE_URL, error)}\n`,
      );
      process.exit(1);
    }
    throw error;
  }
}

void main();
