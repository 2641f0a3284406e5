import type { Pool, PoolClient } from 'pg';

/** The maintenance tasks the worker runs on a schedule, each a job name of the `maintenance` queue. */
export const MaintenanceTask = {
  /** deletes delivered and dead webhook deliveries older than the retention */
  WebhookDeliveriesPrune: 'webhook-deliveries-prune',
  /** deletes stored Idempotency-Key outcomes past their retention (24 h) */
  IdempotencyKeysPrune: 'idempotency-keys-prune',
} as const;

export type MaintenanceTaskName = (typeof MaintenanceTask)[keyof typeof MaintenanceTask];

export interface MaintenanceOptions {
  webhookDeliveryRetentionDays: number;
}

export interface MaintenanceOutcome {
  /** true when an earlier run of the same job had already completed: nothing was done again */
  alreadyDone: boolean;
  result: Record<string, unknown>;
}

export class UnknownMaintenanceTaskError extends Error {
  constructor(name: string) {
    super(`unknown maintenance task "${name}"`);
  }
}

/**
 * Runs maintenance jobs exactly once each. A job's work and its `maintenance_runs` row (keyed by the
 * BullMQ job id) commit in one transaction, so when BullMQ runs a job again (a worker died mid-job and
 * the stalled job was moved back to wait, or a retry), the second run finds the row and does nothing;
 * a run that died before COMMIT left nothing behind. A transaction-scoped advisory lock per task keeps
 * two workers from running the same task at once.
 */
export class MaintenanceTasks {
  constructor(
    private readonly pool: Pool,
    private readonly options: MaintenanceOptions,
  ) {}

  async run(job: { id: string; name: string; attempt: number }): Promise<MaintenanceOutcome> {
    if (!(Object.values(MaintenanceTask) as string[]).includes(job.name))
      throw new UnknownMaintenanceTaskError(job.name);
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`oversing:maintenance:${job.name}`]);
      const done = await client.query<{ result: Record<string, unknown> }>(
        `SELECT result FROM maintenance_runs WHERE job_id = $1`,
        [job.id],
      );
      if (done.rows.length) {
        await client.query('COMMIT');
        return { alreadyDone: true, result: done.rows[0].result };
      }
      const result = await this.execute(job.name as MaintenanceTaskName, client);
      await client.query(
        `INSERT INTO maintenance_runs (job_id, task, result, attempt) VALUES ($1, $2, $3::jsonb, $4)`,
        [job.id, job.name, JSON.stringify(result), job.attempt],
      );
      await client.query('COMMIT');
      return { alreadyDone: false, result };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private async execute(name: MaintenanceTaskName, client: PoolClient): Promise<Record<string, unknown>> {
    switch (name) {
      case MaintenanceTask.WebhookDeliveriesPrune: {
        const deleted = await client.query(
          `DELETE FROM webhook_deliveries
            WHERE status IN ('delivered', 'dead')
              AND created_at < now() - make_interval(days => $1::int)`,
          [this.options.webhookDeliveryRetentionDays],
        );
        return { deleted: deleted.rowCount ?? 0, retention_days: this.options.webhookDeliveryRetentionDays };
      }
      case MaintenanceTask.IdempotencyKeysPrune: {
        const deleted = await client.query(`DELETE FROM idempotency_keys WHERE expires_at <= now()`);
        return { deleted: deleted.rowCount ?? 0 };
      }
    }
  }
}
