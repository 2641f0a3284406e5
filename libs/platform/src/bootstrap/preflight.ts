import { Client } from 'pg';
import { Redis } from 'ioredis';
import { describeConnectionError } from '../database/data-source';

/**
 * Checks that the process's dependencies answer before it boots, so an operator gets one sentence
 * ("Cannot reach PostgreSQL at … : start it or set the right URL") instead of a framework stack trace.
 */
export async function preflight(
  app: string,
  deps: { postgres?: Record<string, string>; redis?: string },
): Promise<void> {
  const problems: string[] = [];
  for (const [name, url] of Object.entries(deps.postgres ?? {})) {
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
    } catch (error) {
      problems.push(describeConnectionError(`PostgreSQL (${name})`, url, error));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  if (deps.redis) {
    const redis = new Redis(deps.redis, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      connectTimeout: 3000,
      retryStrategy: () => null,
    });
    redis.on('error', () => undefined);
    try {
      await redis.connect();
      await redis.ping();
    } catch (error) {
      problems.push(describeConnectionError('Redis', deps.redis, error));
    } finally {
      redis.disconnect();
    }
  }
  if (problems.length) {
    process.stderr.write(problems.map((p) => `${app}: ${p}\n`).join(''));
    process.exit(1);
  }
}
