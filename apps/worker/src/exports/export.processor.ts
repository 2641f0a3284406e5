import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue, UnrecoverableError } from 'bullmq';
import { Pool } from 'pg';
import { QueueName } from '@oversing/platform';
import type { DataExportJob } from '@oversing/platform';
import { ExportRow, writeTaskExport } from './task-export';

export const EXPORTS_QUEUE = QueueName.Exports;
/** The repeatable job that re-queues exports left queued (the API enqueues inside its transaction) and deletes expired ones. */
export const EXPORTS_SWEEP = 'sweep';

export type ExportJobResult = { rows: number; bytes: number } | { swept: number; deleted: number } | 'done';

/**
 * The `exports` queue: produces the file of one export (POST /api/v1/exports) per job, streaming rows into
 * data_export_chunks with progress; on its last failed attempt the export is marked failed with the reason.
 */
@Processor(EXPORTS_QUEUE, { concurrency: 2 })
export class ExportProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger('ExportProcessor');

  constructor(
    @Inject(Pool) private readonly pool: Pool,
    @InjectQueue(EXPORTS_QUEUE) private readonly queue: Queue,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      EXPORTS_SWEEP,
      { every: 30_000 },
      { name: EXPORTS_SWEEP, opts: { removeOnComplete: 10, removeOnFail: 100 } },
    );
  }

  async process(job: Job<DataExportJob>): Promise<ExportJobResult> {
    if (job.name === EXPORTS_SWEEP) return this.sweep();
    const { tenant_id: tenantId, export_id: exportId } = job.data;
    const { rows } = await this.pool.query<ExportRow>(
      'SELECT id, tenant_id, kind, format, status, filters, scope FROM data_exports WHERE id = $1 AND tenant_id = $2',
      [exportId, tenantId],
    );
    const row = rows[0];
    // the API enqueues inside the transaction that stores the export: until it commits, try again later
    if (!row) throw new Error(`export ${exportId} is not visible (yet)`);
    if (row.status === 'completed') return 'done';
    if (row.kind !== 'tasks' || row.format !== 'csv')
      throw new UnrecoverableError(`cannot export ${row.kind} as ${row.format}`);
    try {
      const result = await writeTaskExport(this.pool, row);
      await this.pool.query(
        `UPDATE data_exports SET status = 'completed', processed_rows = $2, byte_size = $3,
                completed_at = now(), updated_at = now() WHERE id = $1`,
        [row.id, result.rows, result.bytes],
      );
      this.logger.log(`export ${row.id}: ${result.rows} rows, ${result.bytes} bytes`);
      return result;
    } catch (error) {
      const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (last)
        await this.pool.query(
          `UPDATE data_exports SET status = 'failed', error = $2, updated_at = now() WHERE id = $1`,
          [row.id, 'The export could not be produced; please try again.'],
        );
      throw error;
    }
  }

  private async sweep(): Promise<{ swept: number; deleted: number }> {
    const queued = await this.pool.query<{ id: string; tenant_id: string }>(
      `SELECT id, tenant_id FROM data_exports WHERE status = 'queued' AND created_at < now() - interval '20 seconds'
        ORDER BY created_at LIMIT 100`,
    );
    for (const row of queued.rows)
      await this.queue.add(
        'export',
        { tenant_id: row.tenant_id, export_id: row.id },
        { jobId: row.id, attempts: 3, backoff: { type: 'exponential', delay: 5_000 } },
      );
    const deleted = await this.pool.query('DELETE FROM data_exports WHERE expires_at < now()');
    return { swept: queued.rowCount ?? 0, deleted: deleted.rowCount ?? 0 };
  }
}
