import Fastify from 'fastify';
import { Pool } from 'pg';

/**
 * Baseline for the authenticated read benchmark: bare Fastify + pg running the same indexed query
 * (a user by id), with no framework, no token validation and no envelope. Run as its own process.
 */
async function main(): Promise<void> {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
  const userId = process.env.BENCH_USER_ID!;
  const app = Fastify({ logger: false });
  app.get('/me', async () => {
    const { rows } = await pool.query(
      'SELECT id, tenant_id, email, name, status, totp_enabled, version, created_at, updated_at FROM users WHERE id = $1',
      [userId],
    );
    return { data: rows[0] };
  });
  app.get('/health', async () => ({ ok: true }));
  await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
}

void main();
