import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { Pool } from 'pg';

/**
 * Baseline for the domain benchmark: bare Fastify + pg running the same SQL as the API for
 * (1) listing tasks with status and program filters, newest first, keyset-limited, and (2) creating a
 * task with its audit outbox row and its domain event (tenant counter + event) in one transaction.
 * No framework, no token validation, no validation pipe, no envelope. Run as its own process.
 */
async function main(): Promise<void> {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
  const tenantId = process.env.BENCH_TENANT_ID!;
  const app = Fastify({ logger: false });

  app.get<{ Querystring: { program: string; status: string; limit?: string } }>('/tasks', async (request) => {
    const limit = Number(request.query.limit ?? 50);
    const { rows } = await pool.query(
      `SELECT id, tenant_id, program_id, title, description, status, priority, assignee_id, due_date,
              estimate_minutes, completed_at, version, created_at, updated_at
         FROM tasks
        WHERE tenant_id = $1 AND status = ANY($2) AND program_id = $3
        ORDER BY created_at DESC NULLS LAST, id ASC LIMIT $4`,
      [tenantId, request.query.status.split(','), request.query.program, limit + 1],
    );
    return { data: rows.slice(0, limit), meta: { has_more: rows.length > limit } };
  });

  app.post<{ Body: { program_id: string; title: string } }>('/tasks', async (request, reply) => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const program = await client.query('SELECT id FROM programs WHERE id = $1 AND tenant_id = $2', [
        request.body.program_id,
        tenantId,
      ]);
      if (!program.rowCount) {
        await client.query('ROLLBACK');
        return reply.code(422).send({ error: 'program' });
      }
      const { rows } = await client.query(
        `INSERT INTO tasks (tenant_id, program_id, title, status, priority) VALUES ($1, $2, $3, 'todo', 3)
         RETURNING *`,
        [tenantId, request.body.program_id, request.body.title],
      );
      const task = rows[0] as Record<string, unknown>;
      delete task.search;
      await client.query(
        `INSERT INTO audit_outbox (event_id, tenant_id, entity_type, entity_id, action, actor_type, after_state, metadata)
         VALUES ($1, $2, 'task', $3, 'created', 'client', $4, '{}')`,
        [randomUUID(), tenantId, task.id, JSON.stringify(task)],
      );
      const counter = await client.query(
        `INSERT INTO tenant_event_counters (tenant_id, last_sequence) VALUES ($1, 1)
         ON CONFLICT (tenant_id) DO UPDATE SET last_sequence = tenant_event_counters.last_sequence + 1
         RETURNING last_sequence`,
        [tenantId],
      );
      await client.query(
        `INSERT INTO domain_events (tenant_id, sequence, type, entity_type, entity_id, channels, payload)
         VALUES ($1, $2, 'task.created', 'task', $3, $4, $5)`,
        [
          tenantId,
          counter.rows[0].last_sequence,
          task.id,
          [`task.${String(task.id)}`, `tenant.${tenantId}`],
          JSON.stringify(task),
        ],
      );
      await client.query('COMMIT');
      return reply.code(201).send({ data: task });
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  });

  app.get('/health', async () => ({ ok: true }));
  await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
}

void main();
